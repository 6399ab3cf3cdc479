package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seek (ADR 0008): after a seek forwards and then backwards, the windows and alarm transitions from
 * the seek point on equal those of an uninterrupted run of the same recording, and the replay's alarm
 * journal equals the uninterrupted run's. On SKAB valve1/9 with the demo site: with the anomaly
 * detectors (warm-up from the recording's start), and without them (warm-up of two windows and the
 * watermark delay before the seek point).
 */
class ReplaySeekTest {

    private static final Path RECORDING = TestPaths.sample("skab-valve1-09.csv");
    private static final StreamingSettings FAST_TRIGGER =
            new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(200), 2, 1_000_000);

    @TempDir
    Path dir;

    /** What a run showed: windows and transitions heard by the listeners, and the replay's alarm journal. */
    private record Run(List<WindowStats> windows, List<AlarmTransition> heard, List<AlarmTransition> journal) {
    }

    private PlantWatchContext context(SiteConfig site, String name, double speed) {
        return new PlantWatchContext(new PlantWatchContext.Options(site, dir.resolve(name), RECORDING, speed, "local[2]",
                FAST_TRIGGER), Clock.systemUTC());
    }

    private Run uninterrupted(SiteConfig site) {
        List<WindowStats> windows = Collections.synchronizedList(new ArrayList<>());
        List<AlarmTransition> heard = Collections.synchronizedList(new ArrayList<>());
        try (PlantWatchContext ctx = context(site, "uninterrupted", Double.POSITIVE_INFINITY)) {
            ctx.addWindowListener((b, ws) -> windows.addAll(ws));
            ctx.addAlarmListener(heard::add);
            ctx.start();
            ctx.finishReplay(Duration.ofMinutes(3));
            return new Run(List.copyOf(windows), List.copyOf(heard), ctx.alarmJournal().all());
        }
    }

    /** Replays at 20×, seeks forwards to +15 min while at ~+3 min, then backwards to +7 min, then runs to the end at max. */
    private Run seeking(SiteConfig site, long first, List<Long> targets) {
        List<WindowStats> windows = Collections.synchronizedList(new ArrayList<>());
        List<AlarmTransition> heard = Collections.synchronizedList(new ArrayList<>());
        try (PlantWatchContext ctx = context(site, "seeking", 20)) {
            ctx.addWindowListener((b, ws) -> windows.addAll(ws));
            ctx.addAlarmListener(heard::add);
            ctx.addSeekListener((at, standing) -> {
                windows.clear();
                heard.clear();
            });
            ctx.start();
            ctx.sparkStarted().join();
            await().atMost(Duration.ofMinutes(2)).until(() -> ctx.replay().currentEventTime() >= first + 180_000);
            var forward = ctx.seek(first + 900_000);
            targets.add(forward.targetMillis());
            assertThat(forward.targetMillis()).isGreaterThanOrEqualTo(first + 900_000);
            await().atMost(Duration.ofMinutes(2)).until(() -> ctx.replay().currentEventTime() >= first + 960_000);
            var backward = ctx.seek(first + 420_000);
            targets.add(backward.targetMillis());
            assertThat(backward.targetOffset()).isLessThan(forward.targetOffset());
            await().atMost(Duration.ofMinutes(2)).until(() -> ctx.replay().currentEventTime() >= first + 450_000);
            ctx.replay().speed(Double.POSITIVE_INFINITY);
            ctx.finishReplay(Duration.ofMinutes(3));
            return new Run(List.copyOf(windows), List.copyOf(heard), ctx.alarmJournal().all());
        }
    }

    private void assertSeekMatchesUninterrupted(SiteConfig site) throws Exception {
        long first = io.plantwatch.ingest.replay.Recording.load(RECORDING).firstEventTime();
        Run whole = uninterrupted(site);
        List<Long> targets = new ArrayList<>();
        Run seek = seeking(site, first, targets);
        long t = targets.get(1);

        Map<String, WindowStats> expected = byKey(whole.windows().stream().filter(w -> w.windowEndMillis() > t).toList());
        Map<String, WindowStats> actual = byKey(seek.windows());
        assertThat(expected).hasSizeGreaterThan(8 * 40);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (var e : expected.entrySet()) {
            WindowStats x = e.getValue();
            WindowStats y = actual.get(e.getKey());
            assertThat(y.count()).as(e.getKey()).isEqualTo(x.count());
            assertThat(y.min()).as(e.getKey()).isEqualTo(x.min());
            assertThat(y.max()).as(e.getKey()).isEqualTo(x.max());
            assertThat(y.avg()).as(e.getKey()).isCloseTo(x.avg(), within(1e-12 * Math.max(1e-3, Math.abs(x.avg()))));
        }
        // the replay's alarm journal after the seek is the uninterrupted run's (the rebuild before the seek point, then the run)
        assertThat(events(seek.journal())).isNotEmpty().isEqualTo(events(whole.journal()));
        // what the screen heard after the seek: the uninterrupted run's transitions from the seek point on
        assertThat(events(seek.heard().stream().filter(x -> x.eventTimeMillis() >= t).toList()))
                .isEqualTo(events(whole.heard().stream().filter(x -> x.eventTimeMillis() >= t).toList()));
        // no limit-alarm transition before the seek point reached the screen (the silent rebuild)
        assertThat(seek.heard()).filteredOn(x -> x.level() != io.plantwatch.domain.LimitLevel.ANOMALY)
                .allMatch(x -> x.eventTimeMillis() >= t);
        // the sample's flow alarms lie after the seek point, so the comparison above is not vacuous
        assertThat(events(whole.journal()).stream().filter(s -> s.contains("P-101/flow:LO ")).count()).isPositive();
    }

    @Test
    @Timeout(600)
    void seekForwardsThenBackwardsGivesTheUninterruptedWindowsAndAlarmsWithAnomalyDetectors() throws Exception {
        assertSeekMatchesUninterrupted(new SiteConfigLoader().load(TestPaths.sample("demo-site.yaml")));
    }

    @Test
    @Timeout(600)
    void seekWithABoundedWarmUpGivesTheUninterruptedWindowsAndAlarms() throws Exception {
        // the demo site without tag classes: no anomaly detectors, so the Spark warm-up is two windows + the watermark
        Path site = dir.resolve("site-without-detectors.yaml");
        String yaml = Files.readString(TestPaths.sample("demo-site.yaml")).lines()
                .filter(l -> !l.strip().startsWith("class:"))
                .map(l -> l.replace("recording: skab-valve1-09.csv", "recording: " + RECORDING))
                .collect(Collectors.joining("\n"));
        Files.writeString(site, yaml);
        assertSeekMatchesUninterrupted(new SiteConfigLoader().load(site));
    }

    private static Map<String, WindowStats> byKey(List<WindowStats> ws) {
        Map<String, WindowStats> out = new TreeMap<>();
        for (WindowStats w : ws) {
            WindowStats before = out.put(w.tag() + "@" + w.windowStartMillis(), w);
            assertThat(before).as("window %s emitted twice", w).isNull();
        }
        return out;
    }

    /** Transitions without wall time, sorted: what must not depend on seeking. */
    private static List<String> events(List<AlarmTransition> ts) {
        return ts.stream().map(x -> String.format("%015d %s %s %s->%s v=%s", x.eventTimeMillis(), x.alarmId(), x.cause(),
                x.from(), x.to(), x.value())).sorted().toList();
    }
}
