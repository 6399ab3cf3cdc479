package io.plantwatch.streaming;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.journal.SegmentJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM of {@link StreamingResumeIT}: the console's data path with the durable journal. Opens a
 * {@link SegmentJournal}, starts a {@link StreamingPipeline} in {@link CheckpointPolicy#RESUME} mode
 * on {@code local[2]}, and appends {@link #readingAt} from {@code journal.endOffset()} up to
 * {@code total} at a steady pace, never more than {@link #MAX_BACKLOG} readings ahead of what Spark
 * has committed (as an MQTT broker redelivers what was not acknowledged); then
 * seals the input with {@link StreamingPipeline#finish} and exits.
 *
 * <p>Each delivered batch is appended to the output file, one line per window:
 * {@code run batchId tag windowStartMillis count min max avg}, and forced to the disk before the
 * sink returns. Prints {@code started <endOffset>}, {@code batch <id> <windows>},
 * {@code appended <n>} and {@code done} on stdout.
 *
 * <p>Arguments: run number, journal dir, checkpoint dir, output file, Spark data dir, total readings,
 * readings per second.
 */
public final class ResumeChild {

    /** Tags in turn. */
    static final int TAGS = 3;
    /** Event time step of one tag, ms. */
    static final long STEP_MILLIS = 100;
    static final long T0 = 1_800_000_000_000L;
    /** Most readings the child appends beyond the offset Spark has committed. */
    static final long MAX_BACKLOG = 2_000;
    static final StreamingSettings SETTINGS =
            new StreamingSettings(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(200), 2, 100_000);

    private ResumeChild() {
    }

    /** The reading at an offset: tags R-0/v, R-1/v, R-2/v in turn, 100 ms of event time per round, value = offset. */
    static Reading readingAt(long offset) {
        return new Reading("R-" + (offset % TAGS) + "/v", T0 + (offset / TAGS) * STEP_MILLIS, offset, "bar");
    }

    public static void main(String[] args) throws Exception {
        int run = Integer.parseInt(args[0]);
        Path journalDir = Path.of(args[1]);
        Path checkpointDir = Path.of(args[2]);
        Path output = Path.of(args[3]);
        Path dataDir = Path.of(args[4]);
        long total = Long.parseLong(args[5]);
        long perSecond = Long.parseLong(args[6]);

        SegmentJournal journal = SegmentJournal.open(journalDir,
                new JournalSettings(1024, null, 0, JournalSettings.Fsync.PERIODIC));
        FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        WindowSink sink = (batchId, windows) -> write(out, run, batchId, windows);
        StreamingPipeline pipeline = new StreamingPipeline(journal, SETTINGS, checkpointDir, CheckpointPolicy.RESUME,
                sink);
        pipeline.startLocal("local[2]", dataDir);
        long from = journal.endOffset();
        System.out.println("started " + from);
        System.out.flush();

        long t0 = System.nanoTime();
        for (long o = from; o < total; o++) {
            // a producer that waits for a slow consumer: at most MAX_BACKLOG readings ahead of Spark's
            // committed offset, so that a busy machine cannot let the appends finish before the kill
            while (o - Math.max(from, pipeline.status().committedOffset()) >= MAX_BACKLOG) {
                LockSupport.parkNanos(5_000_000);
                t0 = System.nanoTime() - (o - from) * 1_000_000_000L / perSecond;
            }
            journal.append(readingAt(o));
            long due = t0 + (o - from + 1) * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if ((o + 1) % 500 == 0) {
                System.out.println("appended " + (o + 1));
                System.out.flush();
            }
        }
        pipeline.finish(readingAt(total - 1).eventTimeMillis(), Duration.ofSeconds(90));
        pipeline.close();
        journal.close();
        out.close();
        System.out.println("done " + journal.endOffset());
        System.out.flush();
        System.exit(0);
    }

    private static void write(FileChannel out, int run, long batchId, List<WindowStats> windows) {
        StringBuilder sb = new StringBuilder();
        for (WindowStats w : windows) {
            sb.append(run).append(' ').append(batchId).append(' ').append(w.tag()).append(' ')
                    .append(w.windowStartMillis()).append(' ').append(w.count()).append(' ').append(w.min())
                    .append(' ').append(w.max()).append(' ').append(w.avg()).append('\n');
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("batch " + batchId + " " + windows.size());
        System.out.flush();
    }
}
