package io.plantwatch.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.journal.SegmentJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CheckpointPolicy#RESUME} on the shared Spark session over a {@link SegmentJournal}: a
 * restarted pipeline continues at its checkpointed offset with its window state, and a micro-batch
 * that Spark runs again after a restart is not delivered to the sink twice.
 */
class StreamingPipelineResumeTest {

    private static final StreamingSettings SETTINGS =
            new StreamingSettings(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ZERO, 2, 100_000);

    @TempDir
    Path dir;

    /** One sink call. */
    record Delivery(long batchId, List<WindowStats> windows) {
    }

    private SegmentJournal openJournal() throws IOException {
        return SegmentJournal.open(dir.resolve("journal"), new JournalSettings(1024, null, 0, JournalSettings.Fsync.NEVER));
    }

    private StreamingPipeline pipeline(SegmentJournal journal, List<Delivery> out) {
        StreamingPipeline p = new StreamingPipeline(journal, SETTINGS, dir.resolve("checkpoint"), CheckpointPolicy.RESUME,
                (batchId, ws) -> out.add(new Delivery(batchId, List.copyOf(ws))));
        p.start(SharedSpark.session());
        return p;
    }

    private static void append(SegmentJournal journal, long from, long to) {
        for (long o = from; o < to; o++) {
            assertThat(journal.append(ResumeChild.readingAt(o))).isEqualTo(o);
        }
    }

    /** Appends in chunks, letting Spark process each, so that the run has several micro-batches. */
    private static void appendInChunks(SegmentJournal journal, StreamingPipeline p, long from, long to, int chunks) {
        for (int i = 0; i < chunks; i++) {
            append(journal, from + (to - from) * i / chunks, from + (to - from) * (i + 1) / chunks);
            p.query().processAllAvailable();
        }
    }

    /** Every window of readings [0, total) exactly once, with exactly its readings (10 rounds of 100 ms). */
    private static void assertEachWindowOnce(List<Delivery> deliveries, long total) {
        Map<String, WindowStats> byKey = new HashMap<>();
        for (Delivery d : deliveries) {
            for (WindowStats w : d.windows()) {
                WindowStats before = byKey.put(w.tag() + "@" + w.windowStartMillis(), w);
                assertThat(before).as("window %s delivered twice (batch %d)", w, d.batchId()).isNull();
            }
        }
        long perTag = total / ResumeChild.TAGS / 10;
        assertThat(byKey).hasSize((int) (ResumeChild.TAGS * perTag));
        for (WindowStats w : byKey.values()) {
            long round = (w.windowStartMillis() - ResumeChild.T0) / ResumeChild.STEP_MILLIS;
            int tag = Integer.parseInt(w.tag().substring(2, 3));
            assertThat(w.count()).as("count of %s", w).isEqualTo(10);
            assertThat(w.min()).as("min of %s", w).isEqualTo((double) (3 * round + tag));
            assertThat(w.max()).as("max of %s", w).isEqualTo((double) (3 * (round + 9) + tag));
        }
    }

    @Test
    @Timeout(240)
    void aRestartedPipelineContinuesAtItsCheckpointWithItsWindowState() throws IOException {
        List<Delivery> first = Collections.synchronizedList(new ArrayList<>());
        List<Delivery> second = Collections.synchronizedList(new ArrayList<>());
        // 3,015 readings: round 1005, the middle of a window, is where the first run stops
        long split = 3_015;
        long total = 6_000;
        try (SegmentJournal journal = openJournal()) {
            try (StreamingPipeline p = pipeline(journal, first)) {
                appendInChunks(journal, p, 0, split, 3);
            }
            try (StreamingPipeline p = pipeline(journal, second)) {
                append(journal, split, total);
                p.finish(ResumeChild.readingAt(total - 1).eventTimeMillis(), Duration.ofMinutes(2));
            }
        }

        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
        long lastBatchOfFirst = first.stream().mapToLong(Delivery::batchId).max().orElseThrow();
        assertThat(second).allSatisfy(d -> assertThat(d.batchId()).isGreaterThan(lastBatchOfFirst));
        List<Delivery> all = new ArrayList<>(first);
        all.addAll(second);
        assertEachWindowOnce(all, total);
    }

    /**
     * Simulates the console dying after the sink accepted a batch and before Spark committed it: the
     * batch's commit file is removed, so Spark runs that batch again on restart. With the delivered
     * marker the sink does not see it again; without it (control) it does, with the same windows.
     */
    @ParameterizedTest(name = "delivered marker kept: {0}")
    @ValueSource(booleans = {true, false})
    @Timeout(240)
    void aBatchRunAgainAfterARestartIsDeliveredOnlyOnce(boolean markerKept) throws IOException {
        List<Delivery> first = Collections.synchronizedList(new ArrayList<>());
        List<Delivery> second = Collections.synchronizedList(new ArrayList<>());
        Path checkpoint = dir.resolve("checkpoint");
        Path marker = checkpoint.resolve(StreamingPipeline.DELIVERED_FILE);
        try (SegmentJournal journal = openJournal()) {
            try (StreamingPipeline p = pipeline(journal, first)) {
                appendInChunks(journal, p, 0, 3_000, 3);
            }
            long delivered = Long.parseLong(Files.readString(marker).trim());
            assertThat(delivered).isEqualTo(first.get(first.size() - 1).batchId());
            assertThat(lastCommittedBatch(checkpoint)).as("precondition: the last batch delivered windows")
                    .isEqualTo(delivered);
            Files.delete(checkpoint.resolve("commits").resolve(Long.toString(delivered)));
            Files.deleteIfExists(checkpoint.resolve("commits").resolve("." + delivered + ".crc"));
            if (!markerKept) {
                Files.delete(marker);
            }

            try (StreamingPipeline p = pipeline(journal, second)) {
                p.query().processAllAvailable();
                List<Delivery> rerun = second.stream().filter(d -> d.batchId() == delivered).toList();
                if (markerKept) {
                    assertThat(rerun).as("batch %d again", delivered).isEmpty();
                } else {
                    assertThat(rerun).as("control: Spark ran batch %d again", delivered).hasSize(1);
                    assertThat(rerun.get(0).windows())
                            .containsExactlyInAnyOrderElementsOf(first.get(first.size() - 1).windows());
                }
                append(journal, 3_000, 3_300);
                p.finish(ResumeChild.readingAt(3_299).eventTimeMillis(), Duration.ofMinutes(2));
            }
        }
        List<Delivery> all = new ArrayList<>(first);
        all.addAll(markerKept ? second : second.stream().filter(d -> d.batchId() != first.get(first.size() - 1).batchId()).toList());
        assertEachWindowOnce(all, 3_300);
    }

    @Test
    @Timeout(240)
    void readingsDeletedByRetentionWhileThePipelineWasDownAreSkippedAndTheRestCountedOnce() throws IOException {
        List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
        long segmentBytes = 64 + 1024L * 24;
        JournalSettings keepThreeSegments = new JournalSettings(1024, null, 3 * segmentBytes, JournalSettings.Fsync.NEVER);
        long down = 2_048; // processAllAvailable: Spark's checkpoint is at the journal's end when the query stops
        long start;
        long end = 10_230;
        try (SegmentJournal journal = SegmentJournal.open(dir.resolve("journal"), keepThreeSegments)) {
            try (StreamingPipeline p = pipeline(journal, deliveries)) {
                appendInChunks(journal, p, 0, down, 2);
            }
            // the console's Spark query is down while readings keep coming and retention deletes old segments
            append(journal, 2_048, end);
            start = journal.startOffset();
            assertThat(start).as("precondition: retention passed the checkpoint").isGreaterThan(down);

            try (StreamingPipeline p = pipeline(journal, deliveries)) {
                p.finish(ResumeChild.readingAt(end - 1).eventTimeMillis(), Duration.ofMinutes(2));
            }
        }

        long counted = deliveries.stream().flatMap(d -> d.windows().stream()).mapToLong(WindowStats::count).sum();
        assertThat(counted).as("readings before the stop + readings still on disk").isEqualTo(down + (end - start));
        Map<String, Long> seen = new HashMap<>();
        deliveries.stream().flatMap(d -> d.windows().stream())
                .forEach(w -> assertThat(seen.put(w.tag() + "@" + w.windowStartMillis(), w.count())).isNull());
    }

    private static long lastCommittedBatch(Path checkpoint) throws IOException {
        try (Stream<Path> s = Files.list(checkpoint.resolve("commits"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).mapToLong(Long::parseLong)
                    .max().orElse(-1);
        }
    }
}
