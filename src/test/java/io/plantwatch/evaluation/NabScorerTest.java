package io.plantwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.plantwatch.evaluation.NabScorer.FileScore;
import io.plantwatch.evaluation.NabScorer.WindowRows;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * NAB v1.1 scoring. Synthetic series have one row per minute; {@link #series(int)} with 100 rows has
 * a probationary period of 15 rows. Expected values are written in closed form where possible:
 * NAB's σ(y) = 2/(1+e^{5y}) − 1 equals tanh(−2.5·y).
 */
class NabScorerTest {

    private static final double EPS = 1e-12;
    private static final LocalDateTime T0 = LocalDateTime.of(2020, 1, 1, 0, 0);

    private static List<LocalDateTime> series(int rows) {
        List<LocalDateTime> ts = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            ts.add(T0.plusMinutes(i));
        }
        return ts;
    }

    /** The window covering rows {@code first..last} of {@link #series(int)}. */
    private static NabWindow rows(int first, int last) {
        return new NabWindow(T0.plusMinutes(first), T0.plusMinutes(last));
    }

    private static boolean[] flags(int rows, int... flagged) {
        boolean[] d = new boolean[rows];
        for (int i : flagged) {
            d[i] = true;
        }
        return d;
    }

    /** σ(y) in closed form, independent of the implementation's formula. */
    private static double sigma(double y) {
        return Math.tanh(-2.5 * y);
    }

    @Nested
    class OnTheSharedNabFiles {

        private static Path nab;
        private static NabDataFile machine;
        private static NabDataFile ambient;
        private static List<NabWindow> machineWindows;
        private static List<NabWindow> ambientWindows;

        @BeforeAll
        static void load() throws IOException {
            nab = io.plantwatch.testsupport.SharedDatasets.require("nab");
            machine = NabDataFile.load(nab.resolve("data/realKnownCause/machine_temperature_system_failure.csv"));
            ambient = NabDataFile.load(nab.resolve("data/realKnownCause/ambient_temperature_system_failure.csv"));
            Map<String, List<NabWindow>> windows = NabLabels.loadWindows(nab.resolve("labels/combined_windows_subset.json"));
            machineWindows = windows.get("realKnownCause/machine_temperature_system_failure.csv");
            ambientWindows = windows.get("realKnownCause/ambient_temperature_system_failure.csv");
        }

        private static boolean[] firstRowOfEachWindow(NabDataFile file, List<NabWindow> windows) {
            boolean[] d = new boolean[file.rows()];
            for (WindowRows w : NabScorer.resolveWindows(EvalTimestamps.toMillis(file.timestamps()), windows)) {
                d[w.firstRow()] = true;
            }
            return d;
        }

        @Test
        void loaderReadsAllRowsIncludingTheTwelveRepeatedTimestampsOfTheMachineFile() {
            assertThat(machine.rows()).isEqualTo(22_695);
            assertThat(new HashSet<>(machine.timestamps())).hasSize(22_683);
            assertThat(ambient.rows()).isEqualTo(7_267);
            assertThat(machine.timestamps().get(0)).isEqualTo(LocalDateTime.of(2013, 12, 2, 21, 15));
            assertThat(machine.values()[1]).isEqualTo(74.93588199999998);
        }

        @Test
        void windowsParseTheFractionalSecondSuffixAndEachIsCentredOnItsPointLabel() throws IOException {
            assertThat(machineWindows).hasSize(4);
            assertThat(ambientWindows).hasSize(2);
            assertThat(machineWindows.get(0)).isEqualTo(new NabWindow(LocalDateTime.of(2013, 12, 10, 6, 25),
                    LocalDateTime.of(2013, 12, 12, 5, 35)));
            Map<String, List<LocalDateTime>> points = NabLabels.loadPointLabels(nab.resolve("labels/combined_labels_subset.json"));
            List<LocalDateTime> machinePoints = points.get("realKnownCause/machine_temperature_system_failure.csv");
            assertThat(machinePoints).hasSize(4);
            for (int k = 0; k < 4; k++) {
                assertThat(machineWindows.get(k).contains(machinePoints.get(k))).isTrue();
            }
        }

        @Test
        void windowsResolveTo567MachineRowsAnd363AmbientRowsAfterA750RowProbation() {
            List<WindowRows> m = NabScorer.resolveWindows(EvalTimestamps.toMillis(machine.timestamps()), machineWindows);
            List<WindowRows> a = NabScorer.resolveWindows(EvalTimestamps.toMillis(ambient.timestamps()), ambientWindows);
            assertThat(m).extracting(WindowRows::width).containsExactly(567, 567, 567, 567);
            assertThat(a).extracting(WindowRows::width).containsExactly(363, 363);
            assertThat(NabScorer.probationaryRows(machine.rows())).isEqualTo(750);
            assertThat(NabScorer.probationaryRows(ambient.rows())).isEqualTo(750);
            assertThat(m.get(0).firstRow()).isGreaterThan(750);
            assertThat(a.get(0).firstRow()).isGreaterThan(750);
        }

        @ParameterizedTest
        @EnumSource(NabProfile.class)
        void nullDetectorScoresMinusFnWeightPerWindowAndNormalisesToZero(NabProfile profile) {
            FileScore m = NabScorer.score(machine.timestamps(), new boolean[machine.rows()], machineWindows, profile);
            FileScore a = NabScorer.score(ambient.timestamps(), new boolean[ambient.rows()], ambientWindows, profile);

            assertThat(m.rawScore()).isEqualTo(-4.0 * profile.fnWeight());
            assertThat(a.rawScore()).isEqualTo(-2.0 * profile.fnWeight());
            assertThat(m.fnWindows()).isEqualTo(4);
            assertThat(a.fnWindows()).isEqualTo(2);
            assertThat(NabScorer.normalise(List.of(m, a))).isCloseTo(0.0, within(EPS));
        }

        @Test
        void nullDetectorMatchesThePublishedStandardRawScoresMinus4AndMinus2() {
            FileScore m = NabScorer.score(machine.timestamps(), new boolean[machine.rows()], machineWindows, NabProfile.STANDARD);
            FileScore a = NabScorer.score(ambient.timestamps(), new boolean[ambient.rows()], ambientWindows, NabProfile.STANDARD);
            assertThat(m.rawScore()).isEqualTo(-4.0);
            assertThat(a.rawScore()).isEqualTo(-2.0);
            assertThat(m.tpRows() + m.fpRows() + a.tpRows() + a.fpRows()).isZero();
        }

        @ParameterizedTest
        @EnumSource(NabProfile.class)
        void perfectDetectorFlaggingTheFirstRowOfEachWindowScoresTpWeightPerWindowAndNormalisesTo100(NabProfile profile) {
            FileScore m = NabScorer.score(machine.timestamps(), firstRowOfEachWindow(machine, machineWindows),
                    machineWindows, profile);
            FileScore a = NabScorer.score(ambient.timestamps(), firstRowOfEachWindow(ambient, ambientWindows),
                    ambientWindows, profile);

            assertThat(m.rawScore()).isCloseTo(4.0 * profile.tpWeight(), within(EPS));
            assertThat(a.rawScore()).isCloseTo(2.0 * profile.tpWeight(), within(EPS));
            assertThat(m.tpWindows()).isEqualTo(4);
            assertThat(a.tpWindows()).isEqualTo(2);
            assertThat(NabScorer.normalise(List.of(m, a))).isCloseTo(100.0, within(1e-9));
        }

        @Test
        void detectionsOnTheRepeatedClockHourAreScoredRowByRowAsFullCostFalsePositives() {
            boolean[] d = new boolean[machine.rows()];
            LocalDateTime from = LocalDateTime.of(2014, 1, 7, 2, 0);
            LocalDateTime to = LocalDateTime.of(2014, 1, 7, 2, 55);
            for (int i = 0; i < d.length; i++) {
                LocalDateTime t = machine.timestamps().get(i);
                d[i] = !t.isBefore(from) && !t.isAfter(to);
            }
            FileScore m = NabScorer.score(machine.timestamps(), d, machineWindows, NabProfile.STANDARD);
            // 12 timestamps, each twice; the preceding window ended > 3 window widths earlier.
            assertThat(m.fpRows()).isEqualTo(24);
            assertThat(m.rawScore()).isCloseTo(-4.0 - 24 * 0.11, within(EPS));
        }
    }

    @Nested
    class HandComputedOnSyntheticSeries {

        private final List<LocalDateTime> ts = series(100);

        private double score(List<NabWindow> windows, NabProfile profile, int... flagged) {
            return NabScorer.score(ts, flags(100, flagged), windows, profile).rawScore();
        }

        @Test
        void scaledSigmoidHasNabsReferenceValues() {
            assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(0.98661, within(1e-5));
            assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
            assertThat(NabScorer.scaledSigmoid(0.0)).isCloseTo(0.0, within(EPS));
            assertThat(NabScorer.scaledSigmoid(3.0)).isCloseTo(sigma(3.0), within(EPS)).isGreaterThan(-1.0);
            assertThat(NabScorer.scaledSigmoid(3.0001)).isEqualTo(-1.0);
        }

        @Test
        void detectionAtTheWindowCentreEarnsSigmaOfMinusHalfOverSigmaOfMinusOne() {
            // window rows 40..49 (width 10); row 45: y = −(49 − 45 + 1)/10 = −0.5
            double s = score(List.of(rows(40, 49)), NabProfile.STANDARD, 45);
            assertThat(s).isCloseTo(Math.tanh(1.25) / Math.tanh(2.5), within(EPS));
            assertThat(s).isCloseTo(0.8597925669, within(1e-10));
        }

        @Test
        void detectionAtTheLeftEdgeEarnsExactlyTpWeightAndAtTheRightEdgeAlmostNothing() {
            assertThat(score(List.of(rows(40, 49)), NabProfile.STANDARD, 40)).isCloseTo(1.0, within(EPS));
            double right = score(List.of(rows(40, 49)), NabProfile.STANDARD, 49);
            assertThat(right).isCloseTo(sigma(-0.1) / sigma(-1.0), within(EPS));
            assertThat(right).isBetween(0.0, 0.25);
        }

        @Test
        void laterDetectionsInTheSameWindowAddNothingButAreCountedAsTpRows() {
            FileScore once = NabScorer.score(ts, flags(100, 45), List.of(rows(40, 49)), NabProfile.STANDARD);
            FileScore thrice = NabScorer.score(ts, flags(100, 45, 47, 49), List.of(rows(40, 49)), NabProfile.STANDARD);
            assertThat(thrice.rawScore()).isEqualTo(once.rawScore());
            assertThat(thrice.tpRows()).isEqualTo(3);
            assertThat(thrice.tpWindows()).isEqualTo(1);
        }

        @Test
        void falsePositiveRightAfterAWindowCostsOnlyAFractionOfFpWeight() {
            // left-edge TP (+1) then row 50: y = (50 − 49)/(10 − 1) = 1/9
            double s = score(List.of(rows(40, 49)), NabProfile.STANDARD, 40, 50);
            assertThat(s - 1.0).isCloseTo(0.11 * sigma(1.0 / 9), within(EPS));
            assertThat(s - 1.0).isCloseTo(-0.0297931830, within(1e-10)).isGreaterThan(-0.3 * 0.11);
        }

        @Test
        void falsePositiveMoreThanThreeWindowWidthsAfterAWindowCostsExactlyFpWeight() {
            // row 77: y = 28/9 > 3
            assertThat(score(List.of(rows(40, 49)), NabProfile.STANDARD, 40, 77) - 1.0).isCloseTo(-0.11, within(EPS));
            // row 76: y = 27/9 = 3 exactly, still on the sigmoid (NAB's cut-off is strict)
            double atThree = score(List.of(rows(40, 49)), NabProfile.STANDARD, 40, 76) - 1.0;
            assertThat(atThree).isCloseTo(0.11 * sigma(3.0), within(EPS)).isNotEqualTo(-0.11);
        }

        @Test
        void falsePositiveBeforeAnyWindowCostsExactlyFpWeight() {
            FileScore f = NabScorer.score(ts, flags(100, 20), List.of(rows(40, 49)), NabProfile.STANDARD);
            assertThat(f.rawScore()).isCloseTo(-1.0 - 0.11, within(EPS));
            assertThat(f.fpRows()).isEqualTo(1);
            assertThat(f.fnWindows()).isEqualTo(1);
        }

        @Test
        void detectionsInTheProbationaryPeriodAreIgnored() {
            FileScore f = NabScorer.score(ts, flags(100, 0, 5, 14), List.of(rows(40, 49)), NabProfile.STANDARD);
            assertThat(f.probationaryRows()).isEqualTo(15);
            assertThat(f.rawScore()).isEqualTo(-1.0);
            assertThat(f.fpRows()).isZero();
        }

        @Test
        void windowStraddlingTheProbationEndCountsOnlyLaterDetectionsWeightedByPositionInTheWholeWindow() {
            // window rows 10..19; row 12 is probationary; row 16: y = −(19 − 16 + 1)/10 = −0.4
            assertThat(score(List.of(rows(10, 19)), NabProfile.STANDARD, 12)).isEqualTo(-1.0);
            assertThat(score(List.of(rows(10, 19)), NabProfile.STANDARD, 12, 16))
                    .isCloseTo(sigma(-0.4) / sigma(-1.0), within(EPS));
        }

        @Test
        void windowWhollyInsideTheProbationIsNeitherRewardedNorCharged() {
            FileScore f = NabScorer.score(ts, flags(100), List.of(rows(2, 11), rows(40, 49)), NabProfile.STANDARD);
            assertThat(f.windows()).isEqualTo(1);
            assertThat(f.rawScore()).isEqualTo(-1.0);
        }

        @Test
        void falsePositiveAfterAProbationaryWindowIsWeightedByThatWindow() {
            // window rows 2..11 (width 10) ends in probation; row 20: y = 9/9 = 1
            double s = score(List.of(rows(2, 11), rows(40, 49)), NabProfile.STANDARD, 20);
            assertThat(s).isCloseTo(-1.0 + 0.11 * sigma(1.0), within(EPS));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                // centre TP (0.8597925669...) + FP before any window + one missed window
                "STANDARD,      -0.2502074330902163",
                "REWARD_LOW_FP, -0.3602074330902163",
                "REWARD_LOW_FN, -1.2502074330902163"})
        void eachProfileWeighsTheSameDetectionsDifferently(NabProfile profile, double expected) {
            double s = score(List.of(rows(40, 49), rows(70, 79)), profile, 20, 45);
            assertThat(s).isCloseTo(expected, within(1e-12));
            assertThat(s).isCloseTo(Math.tanh(1.25) / Math.tanh(2.5) - profile.fpWeight() - profile.fnWeight(),
                    within(EPS));
        }

        @Test
        void sameRowsScoreTheSameWhenGivenAsEpochMillis() {
            boolean[] d = flags(100, 20, 45, 60);
            List<NabWindow> w = List.of(rows(40, 49));
            assertThat(NabScorer.score(EvalTimestamps.toMillis(ts), d, w, NabProfile.STANDARD))
                    .isEqualTo(NabScorer.score(ts, d, w, NabProfile.STANDARD));
        }
    }

    @Nested
    class Normalisation {

        /** NAB README-derived table (shared/datasets/nab/README.md): 2-file raw scores and 2-file normalised score. */
        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "ARTime,            2.556,  1.658, 85.1",
                "earthgeckoSkyline, 1.400,  1.731, 76.1",
                "numentaTM,         1.584,  1.110, 72.5",
                "htmjava,           0.508,  1.337, 65.4",
                "numenta,           1.360, -0.759, 55.0",
                "randomCutForest,  -2.119,  1.762, 47.0",
                "contextOSE,       -0.165, -0.319, 46.0",
                "twitterADVec,     -0.237, -2.000, 31.4",
                "relativeEntropy,  -0.916, -1.400, 30.7",
                "knncad,           -2.856, -0.768, 19.8",
                "skyline,          -2.133, -2.000, 15.6",
                "expose,           -3.107, -2.000,  7.4",
                "bayesChangePt,    -3.320, -2.000,  5.7",
                "windowedGaussian, -4.000, -2.000,  0.0",
                "null,             -4.000, -2.000,  0.0"})
        void reproducesTheTwoFileNormalisedColumnOfTheReadme(String detector, double machine, double ambient,
                                                              double expected) {
            // 0.05 plus floating-point slack: numentaTM is exactly (2.694 + 6)/12 = 72.45, printed as 72.5
            assertThat(NabScorer.normalise(machine + ambient, 6, NabProfile.STANDARD))
                    .isCloseTo(expected, within(0.05 + 1e-9));
        }

        @Test
        void nullIsZeroAndPerfectIsHundredForEveryProfile() {
            for (NabProfile p : NabProfile.values()) {
                assertThat(NabScorer.normalise(-p.fnWeight() * 6, 6, p)).isCloseTo(0.0, within(EPS));
                assertThat(NabScorer.normalise(p.tpWeight() * 6, 6, p)).isCloseTo(100.0, within(EPS));
            }
            // reward_low_FN_rate: S_null = −12, S_perfect = 6 → (0 + 12)/18
            assertThat(NabScorer.normalise(0.0, 6, NabProfile.REWARD_LOW_FN)).isCloseTo(200.0 / 3, within(EPS));
        }

        @Test
        void refusesMixedProfilesAndCorporaWithoutWindows() {
            FileScore a = new FileScore(NabProfile.STANDARD, -1, 1, 0, 1, 0, 0, 15);
            FileScore b = new FileScore(NabProfile.REWARD_LOW_FN, -2, 1, 0, 1, 0, 0, 15);
            assertThatThrownBy(() -> NabScorer.normalise(List.of(a, b))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NabScorer.normalise(0.0, 0, NabProfile.STANDARD))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NabScorer.normalise(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class InvalidInput {

        private final List<LocalDateTime> ts = series(100);

        @Test
        void rejectsDetectionsOfADifferentLength() {
            assertThatThrownBy(() -> NabScorer.score(ts, new boolean[99], List.of(rows(40, 49)), NabProfile.STANDARD))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsOverlappingOrUnorderedWindows() {
            assertThatThrownBy(() -> NabScorer.score(ts, new boolean[100], List.of(rows(40, 49), rows(49, 60)),
                    NabProfile.STANDARD)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NabScorer.score(ts, new boolean[100], List.of(rows(60, 69), rows(40, 49)),
                    NabProfile.STANDARD)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsAWindowThatContainsNoRow() {
            NabWindow afterTheData = new NabWindow(T0.plusDays(1), T0.plusDays(2));
            assertThatThrownBy(() -> NabScorer.score(ts, new boolean[100], List.of(afterTheData), NabProfile.STANDARD))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no row");
        }

        @Test
        void rejectsAWindowEndingBeforeItStarts() {
            assertThatThrownBy(() -> new NabWindow(T0.plusMinutes(5), T0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
