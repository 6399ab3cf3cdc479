package io.plantwatch.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.replay.ReplaySource;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import io.plantwatch.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pipeline on a real recording: journal → DataSource V2 micro-batch source → Spark
 * event-time windows → foreachBatch, checked against statistics computed here without Spark.
 */
class StreamingPipelineTest {

    private static final Path RECORDING = TestPaths.sample("skab-valve1-09.csv");
    private static final StreamingSettings TEN_SECOND_WINDOWS =
            new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO, 2, 1_000_000);

    @TempDir
    Path dir;

    /** What one run produced. */
    record Run(List<WindowStats> windows, List<AlarmTransition> transitions, long batches) {
    }

    private Run run(String name, double speed, StreamingSettings settings) throws IOException {
        return run(name, speed, settings, RECORDING);
    }

    private Run run(String name, double speed, StreamingSettings settings, Path recording) throws IOException {
        Recording rec = Recording.load(recording);
        SiteConfig site = new SiteConfigLoader().load(TestPaths.sample("demo-site.yaml"));
        MemoryJournal journal = new MemoryJournal();
        List<WindowStats> windows = Collections.synchronizedList(new ArrayList<>());
        AtomicLong batches = new AtomicLong();
        try (Database db = Database.open(dir.resolve(name + "-db"))) {
            H2AlarmJournal store = new H2AlarmJournal(db);
            AlarmEngine alarms = new AlarmEngine(site.tags(), store, Clock.systemUTC());
            journal.addListener((offset, r) -> alarms.onReading(r));
            try (StreamingPipeline pipeline = new StreamingPipeline(journal, settings, dir.resolve(name + "-checkpoint"),
                    (batchId, ws) -> {
                        batches.incrementAndGet();
                        windows.addAll(ws);
                    })) {
                pipeline.start(SharedSpark.session());
                ReplaySource replay = new ReplaySource(rec, speed, ReadingSink.of(journal::append, rejected -> {
                    throw new AssertionError("sample recording has a bad line: " + rejected);
                }));
                replay.start();
                replay.done().join();
                pipeline.finish(rec.lastEventTime(), Duration.ofMinutes(3));
            }
            List<WindowStats> sorted = new ArrayList<>(windows);
            sorted.sort(Comparator.comparing(WindowStats::tag).thenComparingLong(WindowStats::windowStartMillis));
            return new Run(sorted, store.all(), batches.get());
        }
    }

    @Test
    @Timeout(300)
    void windowStatisticsMatchAnIndependentComputationFromTheCsv() throws IOException {
        Run run = run("max", Double.POSITIVE_INFINITY, TEN_SECOND_WINDOWS);

        // the checkpoint was written through LocalCheckpointFileManager (java.nio), not Hadoop's local
        // file system, which leaves a .crc file beside every file it writes
        try (var files = Files.walk(dir.resolve("max-checkpoint"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains("offsets", "commits", "state", "metadata");
            assertThat(names).noneMatch(n -> n.endsWith(".crc") || n.endsWith(".tmp"));
        }

        Map<String, Expected> expected = expectedFromCsv(RECORDING, 10_000);
        assertThat(run.windows()).hasSize(expected.size());
        assertThat(run.windows()).hasSize(121 * 8);
        for (WindowStats w : run.windows()) {
            Expected e = expected.get(w.tag() + "@" + w.windowStartMillis());
            assertThat(e).as("window %s at %d", w.tag(), w.windowStartMillis()).isNotNull();
            assertThat(w.windowEndMillis()).isEqualTo(w.windowStartMillis() + 10_000);
            assertThat(w.count()).isEqualTo(e.values.size());
            assertThat(w.min()).isEqualTo(e.min());
            assertThat(w.max()).isEqualTo(e.max());
            assertThat(w.avg()).isCloseTo(e.mean(), within(1e-9 * Math.max(1, Math.abs(e.mean()))));
            if (e.values.size() > 1) {
                assertThat(w.stddev()).isCloseTo(e.sampleStddev(), within(1e-9 * Math.max(1, e.sampleStddev())));
            } else {
                assertThat(w.stddev()).isNaN();
            }
        }
    }

    @Test
    @Timeout(600)
    void pacedReplayAndMaxSpeedGiveTheSameWindowsAndAlarms() throws IOException {
        // Paced: 120x with a 250 ms trigger gives micro-batches of ~30 s of event time each, the
        // shape of a live 1x feed with a 30 s trigger; max: the whole file in one or two batches.
        // The admission limit of 400 readings per trigger keeps the paced run split into at least
        // 23 batches even when a loaded machine starts Spark after the replay has ended.
        StreamingSettings paced = new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMillis(250), 2, 400);
        Run slow = run("paced", 120, paced);
        Run fast = run("fast", Double.POSITIVE_INFINITY, TEN_SECOND_WINDOWS);

        assertThat(slow.batches()).as("paced run must be split into many micro-batches").isGreaterThan(10);
        assertThat(fast.batches()).isLessThan(slow.batches());
        assertSameWindows(slow.windows(), fast.windows());
        assertThat(alarmEvents(slow.transitions())).isNotEmpty().isEqualTo(alarmEvents(fast.transitions()));
        assertThat(alarmEvents(fast.transitions())).extracting(s -> s.split(" ")[0])
                .contains("P-101/flow:LO", "P-101/flow:LOLO");
    }

    @Test
    @Timeout(600)
    void tenTimesAndMaxSpeedGiveTheSameWindowsAndAlarmsOnASliceWithTheValveClosure() throws IOException {
        // Issue #6's determinism check at 10x. The whole file would take 2 min at 10x, so a slice:
        // 13:24:00 to 13:31:30 (450 s, 45 s at 10x) holds the valve closure 13:25:14 to 13:30:57, hence
        // the flow's LO and LOLO alarms raised and returned, and 45 windows of each of the 8 tags.
        List<String> lines = Files.readAllLines(RECORDING);
        List<String> slice = new ArrayList<>(List.of(lines.get(0)));
        lines.stream().skip(1).filter(l -> l.compareTo("2020-03-09T13:24:00Z") >= 0 && l.compareTo("2020-03-09T13:31:30Z") < 0)
                .forEach(slice::add);
        Path file = dir.resolve("valve1-09-closure.csv");
        Files.write(file, slice);
        StreamingSettings paced = new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMillis(250), 2, 400);

        Run slow = run("ten", 10, paced, file);
        Run fast = run("max10", Double.POSITIVE_INFINITY, TEN_SECOND_WINDOWS, file);

        assertThat(slow.batches()).as("10x run must be split into many micro-batches").isGreaterThan(10);
        assertThat(slow.windows()).hasSize(45 * 8);
        assertSameWindows(slow.windows(), fast.windows(), 45 * 8);
        List<String> events = alarmEvents(fast.transitions());
        assertThat(alarmEvents(slow.transitions())).isEqualTo(events);
        assertThat(events).extracting(e -> e.split(" ")[0] + " " + e.split(" ")[1])
                .contains("P-101/flow:LO ACTIVATE", "P-101/flow:LOLO ACTIVATE", "P-101/flow:LO RETURN", "P-101/flow:LOLO RETURN");
    }

    private static void assertSameWindows(List<WindowStats> a, List<WindowStats> b) {
        assertSameWindows(a, b, 121 * 8);
    }

    /**
     * Same windows: same keys, counts, min and max exactly; avg and stddev equal up to floating-point
     * re-association (Spark merges partial sums per micro-batch, so the summation order differs with
     * batch boundaries; measured differences are below 3.1e-13 relative).
     */
    private static void assertSameWindows(List<WindowStats> a, List<WindowStats> b, int windows) {
        assertThat(a).hasSize(windows).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            WindowStats x = a.get(i);
            WindowStats y = b.get(i);
            assertThat(y.tag()).isEqualTo(x.tag());
            assertThat(y.windowStartMillis()).isEqualTo(x.windowStartMillis());
            assertThat(y.windowEndMillis()).isEqualTo(x.windowEndMillis());
            assertThat(y.count()).isEqualTo(x.count());
            assertThat(y.min()).isEqualTo(x.min());
            assertThat(y.max()).isEqualTo(x.max());
            assertThat(y.avg()).as("avg of %s", x).isCloseTo(x.avg(), within(1e-12 * Math.max(1e-3, Math.abs(x.avg()))));
            if (Double.isNaN(x.stddev())) {
                assertThat(y.stddev()).isNaN();
            } else {
                assertThat(y.stddev()).as("stddev of %s", x).isCloseTo(x.stddev(), within(1e-12 * Math.max(1e-3, x.stddev())));
            }
        }
    }

    /** Transitions without wall time: what must not depend on replay speed. */
    private static List<String> alarmEvents(List<AlarmTransition> ts) {
        return ts.stream().map(t -> t.alarmId() + " " + t.cause() + " " + t.from() + "->" + t.to() + " @"
                + t.eventTimeMillis() + " v=" + t.value()).toList();
    }

    // ---- independent computation: plain string splitting, LocalDateTime, two-pass statistics ----

    record Expected(List<Double> values) {
        double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        double mean() {
            return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        }

        double sampleStddev() {
            double m = mean();
            double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
            return Math.sqrt(ss / (values.size() - 1));
        }
    }

    static Map<String, Expected> expectedFromCsv(Path csv, long windowMillis) throws IOException {
        Map<String, Expected> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long t = LocalDateTime.parse(f[0].replace("Z", "")).toInstant(ZoneOffset.UTC).toEpochMilli();
            long start = Math.floorDiv(t, windowMillis) * windowMillis;
            out.computeIfAbsent(f[1] + "/" + f[2] + "@" + start, k -> new Expected(new ArrayList<>()))
                    .values().add(Double.parseDouble(f[3]));
        }
        return out;
    }
}
