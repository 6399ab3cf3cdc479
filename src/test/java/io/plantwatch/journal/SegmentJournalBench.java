package io.plantwatch.journal;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Append and read throughput of {@link SegmentJournal} (single writer thread) against
 * {@link MemoryJournal}: not a test (no timed assertions anywhere), a {@code main} to run by hand;
 * the figures go to docs/BENCHMARKS.md, "Durable journal".
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.plantwatch.journal.SegmentJournalBench [readings per run, default 10000000] [runs, default 5]
 * </pre>
 *
 * Readings: 200 tags in turn, prepared before the clock starts (the journal's cost, not the
 * {@link Reading} constructor's). Default segment size (1,048,576 readings). Modes: MemoryJournal,
 * then SegmentJournal with fsync NEVER, PERIODIC and ALWAYS (ALWAYS with at most 5,000 readings).
 * Prints the median and range of the runs after one warm-up run.
 */
public final class SegmentJournalBench {

    private SegmentJournalBench() {
    }

    public static void main(String[] args) throws Exception {
        int readingsPerRun = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Reading[] readings = new Reading[4096];
        for (int i = 0; i < readings.length; i++) {
            readings[i] = new Reading("D-" + (i % 200) + "/s", 1_800_000_000_000L + i, i * 0.25, "u");
        }
        Path root = Files.createTempDirectory("plantwatch-journal-bench-");
        try {
            for (String mode : new String[] {"memory", "NEVER", "PERIODIC", "ALWAYS"}) {
                // ALWAYS forces every record to the device: a few thousand readings tell its cost
                int n = mode.equals("ALWAYS") ? Math.min(readingsPerRun, 5_000) : readingsPerRun;
                double[] append = new double[runs];
                double[] read = new double[runs];
                for (int r = -1; r < runs; r++) {
                    Path dir = root.resolve(mode + "-" + (r + 1));
                    ReadingJournal journal = mode.equals("memory") ? new MemoryJournal()
                            : SegmentJournal.open(dir, new JournalSettings(1 << 20, null, 0,
                                    JournalSettings.Fsync.valueOf(mode)));
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        journal.append(readings[i & 4095]);
                    }
                    long t1 = System.nanoTime();
                    double[] sum = {0};
                    journal.read(0, n, (o, tag, t, v) -> sum[0] += v);
                    long t2 = System.nanoTime();
                    if (journal instanceof SegmentJournal sj) {
                        sj.close();
                    }
                    deleteRecursively(dir);
                    if (r >= 0) {
                        append[r] = n / ((t1 - t0) / 1e9);
                        read[r] = n / ((t2 - t1) / 1e9);
                    }
                    if (sum[0] < 0) {
                        throw new IllegalStateException();
                    }
                }
                System.out.printf("%-8s %,11d readings: append %s   read %s%n", mode, n, stats(append), stats(read));
            }
        } finally {
            deleteRecursively(root);
        }
    }

    private static String stats(double[] perSecond) {
        double[] s = perSecond.clone();
        Arrays.sort(s);
        return String.format("median %,12.0f/s (%,.0f – %,.0f)", s[s.length / 2], s[0], s[s.length - 1]);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
