package io.plantwatch.domain;

import java.time.Duration;

/**
 * The durable journal of readings (site file, {@code journal}); used by
 * {@code journal.SegmentJournal}, whose Javadoc and docs/architecture.md ("Durable journal")
 * describe the files.
 *
 * @param segmentReadings readings per segment file (a segment is the unit of retention; 24 bytes a
 *                        reading, so the default segment is 24 MiB); applies to segments created from
 *                        now on, existing ones keep their size
 * @param retentionAge    segments whose newest reading was appended longer ago than this are deleted
 *                        (wall time of the append, not event time); null: keep regardless of age
 * @param retentionBytes  oldest segments are deleted while the segments together are larger than this
 *                        (each counted at its full size); 0: no limit. The active segment is never deleted
 * @param fsync           when appended readings are forced to the disk
 */
public record JournalSettings(int segmentReadings, Duration retentionAge, long retentionBytes, Fsync fsync) {

    /**
     * When the journal forces its writes to the storage device. Every mode survives a crash or
     * {@code kill -9} of the console (the operating system holds the written pages); only power loss
     * or an OS crash can lose what was not forced.
     */
    public enum Fsync {
        /** Leave it to the operating system (fastest). */
        NEVER,
        /** Force about once a second, from a background thread: power loss loses about the last second. */
        PERIODIC,
        /** Force before an append returns, so before an MQTT acknowledgement or a Kafka commit (slowest). */
        ALWAYS
    }

    /** Defaults: 1,048,576 readings a segment, 7 days, 10 GiB, periodic fsync. */
    public static JournalSettings defaults() {
        return new JournalSettings(1 << 20, Duration.ofDays(7), 10L << 30, Fsync.PERIODIC);
    }

    /** @throws IllegalArgumentException on a segment size below 1024 or negative limits */
    public JournalSettings {
        if (segmentReadings < 1024) {
            throw new IllegalArgumentException("journal.segmentReadings must be >= 1024, was " + segmentReadings);
        }
        if (retentionAge != null && (retentionAge.isNegative() || retentionAge.isZero())) {
            throw new IllegalArgumentException("journal.retention.age must be positive");
        }
        if (retentionBytes < 0) {
            throw new IllegalArgumentException("journal.retention.size must be >= 0");
        }
        if (fsync == null) {
            throw new IllegalArgumentException("journal.fsync must be never, periodic or always");
        }
    }
}
