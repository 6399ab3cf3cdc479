package io.plantwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.plantwatch.evaluation.SkabScorer.ChangepointScore;
import io.plantwatch.evaluation.SkabScorer.OutlierMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SKAB v0.9 outlier and changepoint scoring. Synthetic files have one row per second, so row
 * {@code r} is at {@code r} s; the first 400 rows are the training part.
 */
class SkabScorerTest {

    private static final double EPS = 1e-12;

    private static Path skab() {
        return io.plantwatch.testsupport.SharedDatasets.require("skab").resolve("data");
    }

    /** valve1/0.csv … 15.csv in numeric order, loaded once. */
    private static final class Valve1 {
        static final List<SkabFile> FILES = IntStream.range(0, 16).mapToObj(i -> {
            try {
                return SkabFile.load(skab().resolve("valve1/" + i + ".csv"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();

        static <T> List<T> map(Function<SkabFile, T> f) {
            return FILES.stream().map(f).toList();
        }
    }

    private static long[] seconds(int rows) {
        long[] ts = new long[rows];
        for (int r = 0; r < rows; r++) {
            ts[r] = r * 1000L;
        }
        return ts;
    }

    private static boolean[] flags(int rows, int... flagged) {
        boolean[] b = new boolean[rows];
        for (int i : flagged) {
            b[i] = true;
        }
        return b;
    }

    private static boolean[] range(int rows, int from, int toInclusive) {
        boolean[] b = new boolean[rows];
        for (int i = from; i <= toInclusive; i++) {
            b[i] = true;
        }
        return b;
    }

    @Nested
    class Loader {

        @org.junit.jupiter.api.BeforeEach
        void sharedDatasetsPresent() {
            io.plantwatch.testsupport.SharedDatasets.require("skab");
        }

        @ParameterizedTest(name = "valve1/{0}.csv")
        @CsvSource({
                // file, rows, anomaly rows, first anomalous row (1-based), last (1-based), changepoints  (README table)
                "0,  1147, 401, 574, 974, 4",
                "1,  1145, 402, 573, 974, 4",
                "2,  1075, 337, 567, 903, 3",
                "3,  1148, 404, 574, 977, 4",
                "4,  1095, 349, 574, 922, 4",
                "5,  1154, 403, 578, 980, 4",
                "6,  1154, 405, 577, 981, 4",
                "7,  1094, 405, 579, 983, 4",
                "8,  1144, 400, 573, 972, 4",
                "9,  1148, 402, 575, 976, 4",
                "10, 1146, 401, 574, 974, 4",
                "11, 1141, 399, 573, 971, 4",
                "12, 1140, 399, 571, 969, 4",
                "13, 1140, 399, 571, 969, 4",
                "14, 1139, 399, 570, 968, 4",
                "15, 1150, 404, 575, 978, 4"})
        void valve1FileMatchesTheReadmeRowAndLabelCounts(int file, int rows, int anomalies, int firstRow, int lastRow,
                                                         int changepoints) {
            SkabFile f = Valve1.FILES.get(file);
            boolean[] an = f.anomaly();
            assertThat(f.rows()).isEqualTo(rows);
            assertThat(count(an, 0)).isEqualTo(anomalies);
            assertThat(count(an, SkabScorer.TRAINING_ROWS)).as("all anomaly rows lie in the test part").isEqualTo(anomalies);
            assertThat(an[firstRow - 1]).isTrue();
            assertThat(an[firstRow - 2]).isFalse();
            assertThat(an[lastRow - 1]).isTrue();
            assertThat(an[lastRow]).isFalse();
            assertThat(count(f.changepoint(), SkabScorer.TRAINING_ROWS)).isEqualTo(changepoints);
        }

        @Test
        void valve1TotalsMatchTheReadme() {
            assertThat(Valve1.FILES.stream().mapToInt(SkabFile::rows).sum()).isEqualTo(18_160);
            assertThat(Valve1.FILES.stream().mapToInt(f -> count(f.anomaly(), 0)).sum()).isEqualTo(6_309);
            assertThat(Valve1.FILES.stream().mapToInt(f -> count(f.changepoint(), 0)).sum()).isEqualTo(63);
        }

        @Test
        void readsTimestampsAndTheEightSensorColumnsByExactHeaderName() {
            SkabFile f = Valve1.FILES.get(0);
            assertThat(f.timestamps().get(0)).isEqualTo(LocalDateTime.of(2020, 3, 9, 10, 14, 33));
            assertThat(f.timestamps().get(f.rows() - 1)).isEqualTo(LocalDateTime.of(2020, 3, 9, 10, 34, 32));
            assertThat(f.sensorNames()).containsExactly("Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure",
                    "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS");
            assertThat(f.sensor("Accelerometer1RMS")[0]).isEqualTo(0.0265878);
            assertThat(f.sensor("Volume Flow RateRMS")[0]).isEqualTo(32.0);
            assertThat(f.sensors()[7]).containsExactly(f.sensor("Volume Flow RateRMS"));
            assertThat(f.sensors()[0]).hasSize(f.rows());
            assertThatThrownBy(() -> f.sensor("RateRMS")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void anomalyFreeFileHasNoLabelColumns() throws IOException {
            SkabFile f = SkabFile.load(skab().resolve("anomaly-free/anomaly-free.csv"));
            assertThat(f.rows()).isEqualTo(9_405);
            assertThat(f.sensorNames()).hasSize(8);
            assertThat(f.hasLabels()).isFalse();
            assertThatThrownBy(f::anomaly).isInstanceOf(IllegalStateException.class);
        }

        private static int count(boolean[] b, int from) {
            int n = 0;
            for (int i = from; i < b.length; i++) {
                if (b[i]) {
                    n++;
                }
            }
            return n;
        }
    }

    @Nested
    class OutlierMetricsOfSyntheticFiles {

        /**
         * File A (410 rows): test rows 400..409, truth 0 0 1 1 1 1 0 0 0 0, prediction 1 0 0 1 1 0 0 0 0 1
         * → TP 2, FP 2, FN 2, TN 4. File B (405 rows): test rows 400..404, truth 1 1 1 1 1, prediction
         * 1 1 1 0 0 → TP 3, FN 2. Both have labels and false alarms in the training part that must not count.
         */
        private OutlierMetrics pooled() {
            boolean[] truthA = range(410, 402, 405);
            boolean[] predA = flags(410, 400, 403, 404, 409);
            truthA[10] = true;                      // training part: labelled but missed
            for (int r = 0; r < 50; r++) {
                predA[r] = true;                    // training part: false alarms
            }
            boolean[] truthB = range(405, 400, 404);
            boolean[] predB = flags(405, 400, 401, 402, 399);
            return SkabScorer.outlierMetrics(List.of(truthA, truthB), List.of(predA, predB));
        }

        @Test
        void poolsConfusionCountsOverTheTestPartsOnly() {
            assertThat(pooled()).isEqualTo(new OutlierMetrics(5, 2, 4, 4));
            assertThat(pooled().rows()).isEqualTo(15);
        }

        @Test
        void f1FarAndMarFollowSkabsFormulas() {
            OutlierMetrics m = pooled();
            assertThat(m.f1()).isCloseTo(5.0 / (5 + (2 + 4) / 2.0), within(EPS)).isCloseTo(0.625, within(EPS));
            assertThat(m.falseAlarmRate()).isCloseTo(100.0 * 2 / 6, within(EPS));
            assertThat(m.missedAlarmRate()).isCloseTo(100.0 * 4 / 9, within(EPS));
        }

        @Test
        void includesTrainingRowsWhenAskedToSkipNone() {
            boolean[] truth = range(10, 2, 3);
            boolean[] pred = flags(10, 3, 7);
            assertThat(SkabScorer.outlierMetrics(List.of(truth), List.of(pred), 0))
                    .isEqualTo(new OutlierMetrics(1, 1, 7, 1));
        }

        @Test
        void rejectsMismatchedFilesOrLengths() {
            assertThatThrownBy(() -> SkabScorer.outlierMetrics(List.of(new boolean[500]), List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SkabScorer.outlierMetrics(List.of(new boolean[500]), List.of(new boolean[501])))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class OutlierMetricsOnValve1 {

        @org.junit.jupiter.api.BeforeEach
        void sharedDatasetsPresent() {
            io.plantwatch.testsupport.SharedDatasets.require("skab");
        }

        @Test
        void perfectDetectorHasF1OneFarZeroMarZero() {
            List<boolean[]> truth = Valve1.map(SkabFile::anomaly);
            OutlierMetrics m = SkabScorer.outlierMetrics(truth, truth);
            assertThat(m.truePositives()).isEqualTo(6_309);
            assertThat(m.rows()).isEqualTo(18_160 - 16 * 400);
            assertThat(m.f1()).isEqualTo(1.0);
            assertThat(m.falseAlarmRate()).isEqualTo(0.0);
            assertThat(m.missedAlarmRate()).isEqualTo(0.0);
        }

        @Test
        void nullDetectorHasF1ZeroFarZeroMarHundred() {
            List<boolean[]> none = Valve1.map(f -> new boolean[f.rows()]);
            OutlierMetrics m = SkabScorer.outlierMetrics(Valve1.map(SkabFile::anomaly), none);
            assertThat(m.falseNegatives()).isEqualTo(6_309);
            assertThat(m.f1()).isEqualTo(0.0);
            assertThat(m.falseAlarmRate()).isEqualTo(0.0);
            assertThat(m.missedAlarmRate()).isEqualTo(100.0);
        }

        @Test
        void alwaysAnomalousDetectorHasFarHundredAndMarZero() {
            List<boolean[]> all = Valve1.map(f -> range(f.rows(), 0, f.rows() - 1));
            OutlierMetrics m = SkabScorer.outlierMetrics(Valve1.map(SkabFile::anomaly), all);
            assertThat(m.falseAlarmRate()).isEqualTo(100.0);
            assertThat(m.missedAlarmRate()).isEqualTo(0.0);
            assertThat(m.f1()).isCloseTo(6_309 / (6_309 + (11_760 - 6_309) / 2.0), within(EPS));
        }
    }

    @Nested
    class ChangepointScoreOfSyntheticFiles {

        private final long[] ts = seconds(600);

        @Test
        void rewardFallsAlongTheTanhCurveFromAtpAtTheWindowStartToAfpAtItsEnd() {
            assertThat(SkabScorer.tpReward(0, 0, 60_000, SkabProfile.STANDARD)).isCloseTo(1.0, within(EPS));
            assertThat(SkabScorer.tpReward(0, 60_000, 60_000, SkabProfile.STANDARD)).isCloseTo(-0.11, within(EPS));
            // 30 s into 60 s: point 500 of 1000 on x = linspace(−π/2, π/2, 1000)
            assertThat(SkabScorer.tpReward(0, 30_000, 60_000, SkabProfile.STANDARD))
                    .isCloseTo(0.44404850713138366, within(EPS));
            assertThat(SkabScorer.tpReward(0, 15_000, 60_000, SkabProfile.STANDARD))
                    .isCloseTo(0.8415720409613808, within(EPS));
            assertThat(SkabScorer.tpReward(0, 30_000, 60_000, SkabProfile.LOW_FP))
                    .isCloseTo(0.3889542150453045, within(EPS));
            assertThatThrownBy(() -> SkabScorer.tpReward(0, 60_001, 60_000, SkabProfile.STANDARD))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        /**
         * True changepoints at rows 100 (training part, ignored), 450 and 550 → windows [450, 510] s and
         * [550, 610] s. Predictions: 200 (training, ignored), 420 (FP before), 480 (first in window 1,
         * 30 s in), 490 (second in window 1, nothing), 530 (FP between), none in window 2 (FN).
         */
        private ChangepointScore handCase(SkabProfile profile) {
            return SkabScorer.changepointScore(List.of(ts), List.of(flags(600, 100, 450, 550)),
                    List.of(flags(600, 200, 420, 480, 490, 530)), profile);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "STANDARD, 0.44404850713138366",
                "LOW_FP,   0.3889542150453045",
                "LOW_FN,   0.44404850713138366"})
        void firstPredictionInAWindowIsRewardedOthersOutsideCostAfpAndEmptyWindowsCostAfn(SkabProfile profile,
                                                                                           double reward) {
            ChangepointScore s = handCase(profile);
            assertThat(s.windows()).isEqualTo(2);
            assertThat(s.detectedWindows()).isEqualTo(1);
            assertThat(s.missedWindows()).isEqualTo(1);
            assertThat(s.falsePositives()).isEqualTo(2);
            double raw = reward + 2 * profile.aFp() + profile.aFn();
            assertThat(s.rawScore()).isCloseTo(raw, within(EPS));
            assertThat(s.nullScore()).isEqualTo(2 * profile.aFn());
            assertThat(s.perfectScore()).isEqualTo(2.0);
            assertThat(s.normalised()).isCloseTo(100 * (raw - 2 * profile.aFn()) / (2 - 2 * profile.aFn()), within(1e-9));
        }

        @Test
        void standardHandCaseNormalisesToAbout30Point6() {
            // S = 0.44405 − 2·0.11 − 1, S_null = −2, S_perfect = 2 → 100·(S + 2)/4
            assertThat(handCase(SkabProfile.STANDARD).normalised()).isCloseTo(30.601212678284592, within(1e-9));
        }

        @ParameterizedTest
        @EnumSource(SkabProfile.class)
        void perfectChangepointPredictionScoresHundredAndNullScoresZero(SkabProfile profile) {
            boolean[] truth = flags(600, 100, 450, 550);
            assertThat(SkabScorer.changepointScore(List.of(ts), List.of(truth), List.of(truth), profile).normalised())
                    .isCloseTo(100.0, within(1e-9));
            ChangepointScore none = SkabScorer.changepointScore(List.of(ts), List.of(truth), List.of(new boolean[600]),
                    profile);
            assertThat(none.normalised()).isCloseTo(0.0, within(1e-9));
            assertThat(none.rawScore()).isEqualTo(2 * profile.aFn());
        }

        @Test
        void changepointLessThanSixtySecondsAfterTheLastIsMissedEvenByAPerfectPredictionBecauseSkabCutsTheRightWindow() {
            // windows [450, 510] and [480, 540] overlap → the right one becomes [510, 540]; the prediction at 480
            // lies in the left window (not first there), so it is neither a TP nor an FP.
            boolean[] truth = flags(600, 450, 480);
            ChangepointScore s = SkabScorer.changepointScore(List.of(ts), List.of(truth), List.of(truth),
                    SkabProfile.STANDARD);
            assertThat(s.detectedWindows()).isEqualTo(1);
            assertThat(s.falsePositives()).isZero();
            assertThat(s.rawScore()).isCloseTo(1.0 - 1.0, within(EPS));
            assertThat(s.normalised()).isCloseTo(50.0, within(1e-9));
            assertThat(SkabScorer.scoringWindows(new long[] {450_000, 480_000}, Duration.ofSeconds(60)))
                    .containsExactly(new long[] {450_000, 510_000}, new long[] {510_000, 540_000});
        }

        @Test
        void changepointExactlySixtySecondsAfterTheLastSharesTheBoundaryAndIsStillDetected() {
            boolean[] truth = flags(600, 450, 510);
            ChangepointScore s = SkabScorer.changepointScore(List.of(ts), List.of(truth), List.of(truth),
                    SkabProfile.STANDARD);
            assertThat(s.detectedWindows()).isEqualTo(2);
            assertThat(s.normalised()).isCloseTo(100.0, within(1e-9));
        }

        @Test
        void predictedChangepointsAreTheFirstTestRowPredictionAndEverySwitchAfterIt() {
            boolean[] pred = new boolean[410];
            pred[10] = true;                                   // training part: ignored
            for (int r = 398; r <= 402; r++) {
                pred[r] = true;                                // already anomalous at the first test row
            }
            pred[405] = true;
            boolean[] cp = SkabScorer.predictedChangepoints(pred);
            List<Integer> at = new ArrayList<>();
            for (int r = 0; r < cp.length; r++) {
                if (cp[r]) {
                    at.add(r);
                }
            }
            assertThat(at).containsExactly(400, 403, 405, 406);
        }

        @Test
        void rejectsTimestampsGoingBackwardsInTheTestPart() {
            long[] back = seconds(600);
            back[500] = back[498];
            assertThatThrownBy(() -> SkabScorer.changepointScore(List.of(back), List.of(new boolean[600]),
                    List.of(new boolean[600]), SkabProfile.STANDARD)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ChangepointScoreOnValve1 {

        @org.junit.jupiter.api.BeforeEach
        void sharedDatasetsPresent() {
            io.plantwatch.testsupport.SharedDatasets.require("skab");
        }

        @ParameterizedTest
        @EnumSource(SkabProfile.class)
        void nullDetectorScoresZeroOver63Windows(SkabProfile profile) {
            ChangepointScore s = SkabScorer.changepointScore(Valve1.map(SkabFile::timestampMillis),
                    Valve1.map(SkabFile::changepoint), Valve1.map(f -> new boolean[f.rows()]), profile);
            assertThat(s.windows()).isEqualTo(63);
            assertThat(s.rawScore()).isCloseTo(63 * profile.aFn(), within(1e-9));
            assertThat(s.normalised()).isCloseTo(0.0, within(1e-9));
        }

        @ParameterizedTest
        @EnumSource(SkabProfile.class)
        void perfectChangepointPredictionScoresHundredOnTheFilesWithoutOverlappingWindows(SkabProfile profile) {
            List<SkabFile> files = new ArrayList<>(Valve1.FILES);
            files.remove(5);
            ChangepointScore s = SkabScorer.changepointScore(files.stream().map(SkabFile::timestampMillis).toList(),
                    files.stream().map(SkabFile::changepoint).toList(), files.stream().map(SkabFile::changepoint).toList(),
                    profile);
            assertThat(s.windows()).isEqualTo(59);
            assertThat(s.missedWindows()).isZero();
            assertThat(s.falsePositives()).isZero();
            assertThat(s.normalised()).isCloseTo(100.0, within(1e-9));
        }

        @Test
        void perfectChangepointPredictionMissesTheLastWindowOfFile5WhoseChangepointsAre59SecondsApart() {
            List<boolean[]> truth = Valve1.map(SkabFile::changepoint);
            ChangepointScore s = SkabScorer.changepointScore(Valve1.map(SkabFile::timestampMillis), truth, truth,
                    SkabProfile.STANDARD);
            assertThat(s.windows()).isEqualTo(63);
            assertThat(s.missedWindows()).isEqualTo(1);
            assertThat(s.falsePositives()).isZero();
            // S = 62 − 1 = 61, S_null = −63, S_perfect = 63
            assertThat(s.rawScore()).isCloseTo(61.0, within(1e-9));
            assertThat(s.normalised()).isCloseTo(100.0 * 124 / 126, within(1e-9));
        }
    }
}
