package io.plantwatch.ingest.replay;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.ReadingSink;
import java.io.IOException;
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
     * Reads and parses a recording file.
     *
     * @throws IOException              when the file cannot be read
     * @throws RecordingFormatException when the header is wrong
     */
    public static Recording load(Path file) throws IOException {
        List<Reading> ok = new ArrayList<>();
        List<RejectedReading> bad = new ArrayList<>();
        new RecordingParser().parse(file, new ReadingSink() {
            @Override
            public void accept(Reading reading) {
                ok.add(reading);
            }

            @Override
            public void reject(RejectedReading rejected) {
                bad.add(rejected);
            }
        });
        return new Recording(file.getFileName().toString(), List.copyOf(ok), List.copyOf(bad));
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
