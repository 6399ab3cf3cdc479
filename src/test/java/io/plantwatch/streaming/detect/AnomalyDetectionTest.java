package io.plantwatch.streaming.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.AnomalyEvent;
import io.plantwatch.domain.DetectorClass;
import io.plantwatch.domain.DetectorSettings;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.domain.WindowStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnomalyDetectionTest {

    private static final DetectorSettings SETTINGS = new DetectorSettings(20, 0.995, 2, 3, 0.02, 0.1, 3,
            Duration.ofMinutes(10), Duration.ofHours(1), 3.0, 1.5, Duration.ofMinutes(5), 2, Duration.ofSeconds(50), 4);

    private static TagDefinition tag(String tag, DetectorClass c) {
        return new TagDefinition(tag, "", "", 0, 100, List.of(), null, c);
    }

    private final List<AnomalyEvent> events = new ArrayList<>();
    private final AnomalyDetection detection = new AnomalyDetection(List.of(
            tag("P-1/flow", DetectorClass.FAST), tag("P-1/pressure", DetectorClass.FAST),
            tag("P-1/temp", DetectorClass.THERMAL), tag("P-1/other", DetectorClass.NONE)), SETTINGS, 10_000, events::add);
    private final SplittableRandom rnd = new SplittableRandom(7);

    private static WindowStats w(String tag, int i, double avg) {
        return new WindowStats(tag, i * 10_000L, (i + 1) * 10_000L, 10, avg, avg, avg, 0);
    }

    /** One batch with window i of the two fast tags: noise around (30, 1), shifted by dFlow. */
    private void fastWindow(int i, double dFlow) {
        detection.onWindows(i, List.of(w("P-1/flow", i, 30 + dFlow + rnd.nextDouble() - 0.5),
                w("P-1/pressure", i, 1 + (rnd.nextDouble() - 0.5) * 0.1)));
    }

    @Test
    void deviceT2AlarmsOnAShiftAfterItsBaselineAndEndsWhenTheShiftIsGone() {
        for (int i = 0; i < 40; i++) {
            fastWindow(i, 0);
        }
        assertThat(events).isEmpty();
        for (int i = 40; i < 45; i++) {
            fastWindow(i, -5);
        }
        for (int i = 45; i < 55; i++) {
            fastWindow(i, 0);
        }

        assertThat(events).extracting(AnomalyEvent::source, AnomalyEvent::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P-1/T2", true),
                        org.assertj.core.groups.Tuple.tuple("P-1/T2", false));
        AnomalyEvent onset = events.get(0);
        assertThat(onset.windowStartMillis()).isEqualTo(41 * 10_000L);   // 2 of 3 beyond the limit: the second shifted window
        assertThat(onset.score()).isGreaterThan(onset.limit());
        assertThat(onset.priority()).isEqualTo(3);
        assertThat(onset.detector()).isEqualTo("T2");
    }

    @Test
    void aWindowWithoutEveryFastTagIsNotScored() {
        for (int i = 0; i < 40; i++) {
            fastWindow(i, 0);
        }
        for (int i = 40; i < 45; i++) {
            detection.onWindows(i, List.of(w("P-1/flow", i, 10 + i * 0.1)));   // pressure missing
        }

        assertThat(events).isEmpty();
    }

    @Test
    void thermalTagRaisesOneEventAtTheOnsetAndOneAtTheEnd() {
        for (int i = 0; i < 100; i++) {
            double v = 50 + (i % 2 == 0 ? 0.5 : -0.5) + (i >= 60 && i < 64 ? 10 : 0);
            detection.onWindows(i, List.of(w("P-1/temp", i, v)));
        }

        assertThat(events).extracting(AnomalyEvent::source, AnomalyEvent::active, AnomalyEvent::windowStartMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P-1/temp", true, 600_000L),
                        org.assertj.core.groups.Tuple.tuple("P-1/temp", false, 640_000L));
        assertThat(events.get(0).priority()).isEqualTo(2);
        assertThat(events.get(0).limit()).isEqualTo(3.0);
    }

    @Test
    void tagsWithoutAClassAreNotWatched() {
        AnomalyDetection none = new AnomalyDetection(List.of(tag("P-1/other", DetectorClass.NONE)), SETTINGS, 10_000,
                events::add);

        assertThat(none.active()).isFalse();
        assertThat(detection.active()).isTrue();
    }

    @Test
    void aTagThatStopsChangingIsReportedStuckAndClearedWhenItMovesAgain() {
        for (int i = 0; i < 12; i++) {
            double v = i < 3 || i >= 10 ? 50 + i : 42.0;   // windows 3..9 identical, with 10 readings each
            detection.onWindows(i, List.of(new WindowStats("P-1/temp", i * 10_000L, (i + 1) * 10_000L, 10, v, v, v, 0)));
        }

        List<AnomalyEvent> stuck = events.stream().filter(e -> e.detector().equals("STUCK")).toList();
        assertThat(stuck).extracting(AnomalyEvent::source, AnomalyEvent::active, AnomalyEvent::windowStartMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P-1/temp.stuck", true, 70_000L),    // 5th flat window (50 s)
                        org.assertj.core.groups.Tuple.tuple("P-1/temp.stuck", false, 100_000L));
        assertThat(stuck.get(0).priority()).isEqualTo(4);
    }

    @Test
    void rateOfChangeAlarmsOnTwoConsecutiveRatesAboveTheTagsLimit() {
        List<AnomalyEvent> got = new ArrayList<>();
        AnomalyDetection roc = new AnomalyDetection(List.of(new TagDefinition("P-1/level", "", "m", 0, 10, List.of(), null,
                DetectorClass.NONE, 0.05)), SETTINGS, 10_000, got::add);
        double[] level = {5.0, 5.1, 5.2, 6.0, 7.0, 7.1, 7.2};   // 0.01 m/s, then 0.08 and 0.1 m/s, then 0.01
        for (int i = 0; i < level.length; i++) {
            roc.onWindows(i, List.of(w("P-1/level", i, level[i])));
        }

        assertThat(got).extracting(AnomalyEvent::source, AnomalyEvent::active, AnomalyEvent::windowStartMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P-1/level.roc", true, 40_000L),
                        org.assertj.core.groups.Tuple.tuple("P-1/level.roc", false, 50_000L));
        assertThat(got.get(0).score()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(got.get(0).limit()).isEqualTo(0.05);
    }
}
