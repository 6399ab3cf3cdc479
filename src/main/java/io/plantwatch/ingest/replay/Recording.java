package io.plantwatch.ingest.replay;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.domain.WideCsvMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recording loaded into memory, in file order: the readings that parsed and the lines that did
 * not, with reasons. File order is kept (a recording may step back in time, e.g. NAB's clock
 * change); the replay emits readings in that order. Immutable after {@link #load}.
 *
 * @param source    file name
 * @param readings  valid readings, file order
 * @param rejected  malformed lines, file order
 */
public record Recording(String source, List<Reading> readings, List<RejectedReading> rejected) {

    /**
     * Reads a recording in the long CSV, JSON lines or wide CSV format; a wide CSV needs its
     * mapping file beside it ({@link WideCsvMappings#nextTo}). Parquet needs
     * {@link #load(Path, WideCsvMapping, ParquetRecordingReader)}.
     *
     * @throws IOException              when the file cannot be read
     * @throws RecordingFormatException when the file cannot be replayed (wrong header, no mapping, Parquet)
     */
    public static Recording load(Path file) throws IOException {
        return load(file, null, null);
    }

    /**
     * Reads a recording, choosing the parser by {@link RecordingFormat#detect}: long CSV, JSON lines,
     * Parquet (through {@code parquet}), or wide CSV through {@code mapping} (or, when null, the
     * mapping file beside the CSV). A given mapping makes any CSV read as wide.
     *
     * @param mapping null to use the long format or the mapping file beside the CSV
     * @param parquet reads Parquet (Spark, from {@code streaming}); null refuses Parquet with a message
     * @throws IOException              when the file cannot be read
     * @throws RecordingFormatException when the file cannot be replayed; the message names the file and the fix
     */
    public static Recording load(Path file, WideCsvMapping mapping, ParquetRecordingReader parquet) throws IOException {
        List<Reading> ok = new ArrayList<>();
        List<RejectedReading> bad = new ArrayList<>();
        ReadingSink sink = new ReadingSink() {
            @Override
            public void accept(Reading reading) {
                ok.add(reading);
            }

            @Override
            public void reject(RejectedReading rejected) {
                bad.add(rejected);
            }
        };
        RecordingFormat format = mapping != null && !Files.isDirectory(file) ? RecordingFormat.WIDE_CSV
                : RecordingFormat.detect(file);
        switch (format) {
            case LONG_CSV -> new RecordingParser().parse(file, sink);
            case JSON_LINES -> new JsonLinesParser().parse(file, sink);
            case PARQUET -> {
                if (parquet == null) {
                    throw new RecordingFormatException(file.getFileName() + " is Parquet, which is read with Spark; "
                            + "this caller has no Parquet reader. Fix: replay it with bin/plantwatch replay or the console");
                }
                parquet.read(file, sink);
            }
            case WIDE_CSV -> {
                WideCsvMapping m = mapping;
                if (m == null) {
                    Path mf = WideCsvMappings.nextTo(file).orElseThrow(() -> new RecordingFormatException(
                            file.getFileName() + " line 1: the header is not the long format '" + RecordingParser.HEADER
                            + "' and no mapping file was found beside it (" + WideCsvMappings.defaultFileFor(file).getFileName()
                            + "). Fix: write one (README, \"Wide CSV mapping file\"), pass --mapping MAP.yaml, or open "
                            + "the file with the console's \"Open recording…\""));
                    m = WideCsvMappings.load(mf);
                }
                new WideCsvParser(m).parse(file, sink);
            }
            default -> throw new IllegalStateException(format.name());
        }
        return new Recording(file.getFileName().toString(), List.copyOf(ok), List.copyOf(bad));
    }

    /**
     * The offset (index into {@link #readings()}) of the first reading whose event time is at or
     * after {@code eventTimeMillis}; {@code readings().size()} when there is none. Binary search when
     * the recording is in event-time order, else a scan in file order.
     */
    public int indexAtOrAfter(long eventTimeMillis) {
        if (inOrder()) {
            int lo = 0;
            int hi = readings.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (readings.get(mid).eventTimeMillis() < eventTimeMillis) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i).eventTimeMillis() >= eventTimeMillis) {
                return i;
            }
        }
        return readings.size();
    }

    /** True when event times never step back in file order (computed once per call; O(n)). */
    public boolean inOrder() {
        long last = Long.MIN_VALUE;
        for (Reading r : readings) {
            if (r.eventTimeMillis() < last) {
                return false;
            }
            last = r.eventTimeMillis();
        }
        return true;
    }

    /** The smallest and largest event time of the recording, epoch ms ({@code [0, 0]} when empty). */
    public long[] eventTimeSpan() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Reading r : readings) {
            min = Math.min(min, r.eventTimeMillis());
            max = Math.max(max, r.eventTimeMillis());
        }
        return readings.isEmpty() ? new long[] {0, 0} : new long[] {min, max};
    }

    /** Event time of the first reading, epoch ms; 0 for an empty recording. */
    public long firstEventTime() {
        return readings.isEmpty() ? 0 : readings.get(0).eventTimeMillis();
    }

    /** Event time of the last reading, epoch ms; 0 for an empty recording. */
    public long lastEventTime() {
        return readings.isEmpty() ? 0 : readings.get(readings.size() - 1).eventTimeMillis();
    }
}
