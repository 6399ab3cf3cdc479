package io.plantwatch.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.journal.SegmentJournal;
import io.plantwatch.testsupport.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console killed with {@code kill -9} mid-stream and restarted: the durable journal and the
 * Spark query resume, and every reading is counted exactly once in exactly one delivered window.
 * Real files, real Spark ({@code local[2]}) in a child JVM ({@link ResumeChild}).
 */
class StreamingResumeIT {

    /** 3 tags × 10 readings per 1 s window × 500 windows per tag. */
    private static final long TOTAL = 15_000;
    private static final long PER_SECOND = 1_000;

    @TempDir
    Path dir;

    /** One line of the child's output. */
    record Line(int run, long batch, String tag, long windowStart, long count, double min, double max, double avg) {
        static Line parse(String s) {
            String[] f = s.split(" ");
            return new Line(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]));
        }

        String key() {
            return tag + "@" + windowStart;
        }
    }

    private ChildJvm start(int run) throws Exception {
        return ChildJvm.start("run" + run, "1g", ResumeChild.class, Integer.toString(run),
                dir.resolve("journal").toString(), dir.resolve("checkpoint").toString(),
                dir.resolve("windows.txt").toString(), dir.resolve("data").toString(), Long.toString(TOTAL),
                Long.toString(PER_SECOND));
    }

    private static long appended(ChildJvm child) {
        String n = child.lastLine("appended ");
        return n == null ? 0 : Long.parseLong(n.trim());
    }

    private static long batchesWithWindows(ChildJvm child) {
        return child.lines().stream().filter(l -> l.startsWith("batch ")).count();
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void killedMidStreamAndRestartedEveryReadingIsCountedOnce() throws Exception {
        long appendedBeforeKill;
        try (ChildJvm first = start(1)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> batchesWithWindows(first) >= 2 || !first.isAlive());
            assertThat(first.isAlive()).as("run 1 still running").isTrue();
            first.kill();
            appendedBeforeKill = appended(first);
        }
        assertThat(appendedBeforeKill).as("killed mid-stream").isPositive().isLessThan(TOTAL - 1_000);

        try (ChildJvm second = start(2)) {
            assertThat(second.waitFor(150)).as("run 2 exit code").isZero();
            long resumedAt = Long.parseLong(second.lastLine("started ").trim());
            assertThat(resumedAt).as("journal after the kill holds every confirmed append")
                    .isGreaterThanOrEqualTo(appendedBeforeKill).isLessThan(TOTAL);
            assertThat(second.lastLine("done ")).isEqualTo(Long.toString(TOTAL));
        }

        try (SegmentJournal journal = SegmentJournal.open(dir.resolve("journal"),
                new JournalSettings(1024, null, 0, JournalSettings.Fsync.NEVER))) {
            assertThat(journal.endOffset()).isEqualTo(TOTAL);
            long[] next = {0};
            journal.read(0, TOTAL, (o, tag, t, v) -> {
                assertThat(o).isEqualTo(next[0]++);
                assertThat(v).isEqualTo((double) o);
                assertThat(tag).isEqualTo(ResumeChild.readingAt(o).tag());
                assertThat(t).isEqualTo(ResumeChild.readingAt(o).eventTimeMillis());
            });
        }

        List<Line> lines = Files.readAllLines(dir.resolve("windows.txt")).stream().map(Line::parse).toList();
        assertThat(lines).extracting(Line::run).contains(1, 2);

        // a batch id delivered by both runs: only the one in flight at the kill, and with the same windows
        Map<Long, Map<Integer, List<String>>> byBatch = new TreeMap<>();
        for (Line l : lines) {
            byBatch.computeIfAbsent(l.batch(), b -> new TreeMap<>())
                    .computeIfAbsent(l.run(), r -> new ArrayList<>())
                    .add(l.key() + " " + l.count() + " " + l.min() + " " + l.max() + " " + l.avg());
        }
        long lastBatchOfRun1 = lines.stream().filter(l -> l.run() == 1).mapToLong(Line::batch).max().orElseThrow();
        List<Long> deliveredTwice = new ArrayList<>();
        byBatch.forEach((batch, runs) -> {
            if (runs.size() > 1) {
                deliveredTwice.add(batch);
                assertThat(runs.get(2)).as("re-run of batch %d", batch).containsExactlyInAnyOrderElementsOf(runs.get(1));
            }
        });
        assertThat(deliveredTwice).as("batches delivered in both runs (pipeline de-duplicates by batch id)")
                .isSubsetOf(List.of(lastBatchOfRun1));
        assertThat(deliveredTwice.size()).isLessThanOrEqualTo(1);

        // after de-duplication by batch id: every window exactly once, with exactly its readings
        Map<String, Line> windows = new HashMap<>();
        for (Line l : lines) {
            if (deliveredTwice.contains(l.batch()) && l.run() == 2) {
                continue;
            }
            Line before = windows.put(l.key(), l);
            assertThat(before).as("window %s delivered twice: %s and %s", l.key(), before, l).isNull();
        }
        long windowsPerTag = TOTAL / ResumeChild.TAGS / 10;
        assertThat(windows).hasSize((int) (ResumeChild.TAGS * windowsPerTag));
        assertThat(windows.values().stream().mapToLong(Line::count).sum()).isEqualTo(TOTAL);
        for (int tag = 0; tag < ResumeChild.TAGS; tag++) {
            for (long w = 0; w < windowsPerTag; w++) {
                long start = ResumeChild.T0 + w * 1000;
                Line l = windows.get("R-" + tag + "/v@" + start);
                assertThat(l).as("window R-%d/v at %d", tag, start).isNotNull();
                // the window holds rounds 10w .. 10w+9: offsets 3i + tag
                long firstOffset = 3 * (10 * w) + tag;
                long lastOffset = 3 * (10 * w + 9) + tag;
                assertThat(l.count()).as("count of %s", l.key()).isEqualTo(10);
                assertThat(l.min()).isEqualTo((double) firstOffset);
                assertThat(l.max()).isEqualTo((double) lastOffset);
                assertThat(l.avg()).isEqualTo((firstOffset + lastOffset) / 2.0);
            }
        }
    }
}
