package io.plantwatch.domain;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An export of journalled readings: which readings (an event-time range and devices) and where to.
 *
 * @param format  Parquet (a folder, partitioned by date and device) or long CSV (one file)
 * @param target  the Parquet folder (must not exist, or be empty) or the CSV file (replaced)
 * @param from    first event time included; null: from the oldest reading
 * @param to      first event time excluded; null: up to the newest reading
 * @param devices device ids to export; empty: every device
 */
public record ExportRequest(Format format, Path target, Instant from, Instant to, Set<String> devices) {

    /** Export formats. */
    public enum Format {
        /** Parquet, Snappy-compressed, partitioned by {@code date} (UTC, of event time) and {@code device}. */
        PARQUET,
        /** PlantWatch's long CSV {@code timestamp,device,sensor,value,unit}, which the replay reads. */
        CSV
    }

    /** @throws IllegalArgumentException when format or target is missing, or {@code to} is not after {@code from} */
    public ExportRequest {
        Objects.requireNonNull(format, "format");
        if (target == null) {
            throw new IllegalArgumentException("choose where to export to");
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("the end of the range (" + to + ") must be after its start (" + from + ")");
        }
        devices = devices == null ? Set.of() : Set.copyOf(devices);
    }

    /** Event time lower bound, epoch ms (inclusive). */
    public long fromMillis() {
        return from == null ? Long.MIN_VALUE : from.toEpochMilli();
    }

    /** Event time upper bound, epoch ms (exclusive). */
    public long toMillis() {
        return to == null ? Long.MAX_VALUE : to.toEpochMilli();
    }

    /** Whether a reading of this tag at this event time is exported. */
    public boolean selects(String tag, long eventTimeMillis) {
        return eventTimeMillis >= fromMillis() && eventTimeMillis < toMillis()
                && (devices.isEmpty() || devices.contains(TagId.device(tag)));
    }
}
