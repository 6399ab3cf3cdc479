package io.plantwatch.streaming.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.plantwatch.evaluation.NabDataFile;
import io.plantwatch.evaluation.NabLabels;
import io.plantwatch.evaluation.NabProfile;
import io.plantwatch.evaluation.NabScorer;
import io.plantwatch.evaluation.NabWindow;
import io.plantwatch.testsupport.SharedDatasets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThermalZDetectorTest {

    private static final ThermalZDetector.Params HOURLY = new ThermalZDetector.Params(3_600, 7 * 3_600, 3, 1.5, 600);

    /** Feeds values one minute apart; returns the results in order. */
    private static List<ThermalZDetector.Result> feed(ThermalZDetector d, double... values) {
        List<ThermalZDetector.Result> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.addAll(d.update(i * 60.0, values[i]));
        }
        return out;
    }

    @Test
    void nothingIsDecidedDuringWarmUpAndNoWarmUpValueAlarms() {
        ThermalZDetector d = new ThermalZDetector(HOURLY);
        double[] v = new double[12];
        for (int i = 0; i < v.length; i++) {
            v[i] = 50 + (i % 2 == 0 ? 1 : -1);
        }
        v[3] = 90;   // inside the 10-minute warm-up: learnt, never alarmed
        List<ThermalZDetector.Result> r = feed(d, v);

        assertThat(r).hasSize(12);
        assertThat(r.subList(0, 10)).allSatisfy(x -> {
            assertThat(x.alarm()).isFalse();
            assertThat(x.z()).isNaN();
        });
    }

    @Test
    void aStepRaisesOneOnsetAndTheAlarmEndsOnlyBelowTheOffThreshold() {
        ThermalZDetector d = new ThermalZDetector(HOURLY);
        double[] v = new double[40];
        for (int i = 0; i < v.length; i++) {
            v[i] = 50 + (i % 2 == 0 ? 1 : -1);
        }
        for (int i = 20; i < 25; i++) {
            v[i] = 60;
        }
        List<ThermalZDetector.Result> r = feed(d, v);

        assertThat(r.stream().filter(ThermalZDetector.Result::onset)).hasSize(1);
        assertThat(r.get(20).onset()).isTrue();
        assertThat(r.get(24).alarm()).isTrue();
        assertThat(r.get(39).alarm()).isFalse();
    }

    @Test
    void aReadingBackInTimeAdvancesNothing() {
        ThermalZDetector d = new ThermalZDetector(new ThermalZDetector.Params(60, 60, 3, 1.5, 0));
        d.update(0, 10);
        d.update(60, 12);
        List<ThermalZDetector.Result> first = d.update(30, 12);   // ends warm-up: the two warm-up values, then this one
        ThermalZDetector.Result back = first.get(first.size() - 1);
        ThermalZDetector.Result again = d.update(30, 12).get(0);

        assertThat(again.z()).isCloseTo(back.z(), within(1e-12));   // Δt = 0: the mean did not move
    }

    /** The researched result (ADR 0005): onsets of the thermal z-score on the two NAB files, standard profile 54.0. */
    @Test
    void nabTwoFilesBeatTheWindowedGaussianBaseline() throws IOException {
        Path nab = SharedDatasets.require("nab");
        Map<String, List<NabWindow>> windows = NabLabels.loadWindows(nab.resolve("labels/combined_windows_subset.json"));
        List<NabScorer.FileScore> scores = new ArrayList<>();
        for (String name : List.of("machine_temperature_system_failure.csv", "ambient_temperature_system_failure.csv")) {
            NabDataFile file = NabDataFile.load(nab.resolve("data/realKnownCause").resolve(name));
            ThermalZDetector d = new ThermalZDetector(ThermalZDetector.Params.DEFAULTS);
            List<ThermalZDetector.Result> results = new ArrayList<>();
            for (int i = 0; i < file.rows(); i++) {
                results.addAll(d.update(file.timestamps().get(i).toEpochSecond(ZoneOffset.UTC), file.values()[i]));
            }
            boolean[] onsets = new boolean[file.rows()];
            for (int i = 0; i < results.size(); i++) {
                onsets[i] = results.get(i).onset();
            }
            scores.add(NabScorer.score(file.timestamps(), onsets, windows.get("realKnownCause/" + name), NabProfile.STANDARD));
        }

        double normalised = NabScorer.normalise(scores);

        assertThat(scores.get(0).rawScore()).isCloseTo(-0.804, within(0.001));
        assertThat(scores.get(1).rawScore()).isCloseTo(1.290, within(0.001));
        assertThat(normalised).isCloseTo(54.0, within(0.1)).isGreaterThan(0.0);
    }
}
