package io.plantwatch.journal;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.Reading;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM of {@link SegmentJournalKillTest}: appends {@link #readingAt} to a {@link SegmentJournal}
 * from its end offset on, as fast as it can (with a 1 ms pause every 50,000 appends so that the
 * test can kill it mid-stream before the disk fills), and prints {@code appended <n>} after every
 * 20,000th append has returned, where {@code n} is the number of appends returned so far.
 *
 * <p>Arguments: journal directory, readings per segment, fsync mode, maximum readings.
 */
public final class JournalAppenderChild {

    private JournalAppenderChild() {
    }

    /** The reading at an offset: 7 tags in turn, value = offset, event time 10 ms apart. */
    static Reading readingAt(long offset) {
        return new Reading("K-" + (offset % 7) + "/v", 1_800_000_000_000L + offset * 10, offset, "u" + (offset % 7));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        JournalSettings settings = new JournalSettings(Integer.parseInt(args[1]), null, 0,
                JournalSettings.Fsync.valueOf(args[2]));
        long max = Long.parseLong(args[3]);
        SegmentJournal journal = SegmentJournal.open(dir, settings);
        for (long o = journal.endOffset(); o < max; o++) {
            long got = journal.append(readingAt(o));
            if (got != o) {
                throw new IllegalStateException("append returned offset " + got + ", expected " + o);
            }
            if ((o + 1) % 20_000 == 0) {
                System.out.println("appended " + (o + 1));
                System.out.flush();
            }
            if ((o + 1) % 50_000 == 0) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        System.out.println("finished " + journal.endOffset());
        System.out.flush();
        // no close: the test kills this JVM before it gets here
        Thread.sleep(Long.MAX_VALUE);
    }
}
