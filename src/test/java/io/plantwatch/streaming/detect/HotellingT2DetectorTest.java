package io.plantwatch.streaming.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.plantwatch.evaluation.SkabFile;
import io.plantwatch.evaluation.SkabScorer;
import io.plantwatch.testsupport.SharedDatasets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HotellingT2DetectorTest {

    private static final HotellingT2Detector.Params NO_SHRINK = new HotellingT2Detector.Params(0.995, 2, 3, 0.0, 0.0);

    /** m windows of p independent unit-variance values with mean 10. */
    private static double[][] baseline(int m, int p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] w = new double[m][p];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                w[i][j] = 10 + (rnd.nextDouble() * 2 - 1) * Math.sqrt(3);   // uniform, variance 1
            }
        }
        return w;
    }

    @Test
    void limitIsTheFDistributionLimitForIndividualObservations() {
        HotellingT2Detector d = new HotellingT2Detector(HotellingT2Detector.Params.DEFAULTS);
        d.fit(baseline(42, 6, 1));

        // p (m+1)(m-1) / (m (m-p)) * F_0.995(6, 36); F_0.995(6, 36) = 3.78993 (scipy.stats.f.ppf(0.995, 6, 36)); UCL ≈ 26.5
        assertThat(d.limit()).isCloseTo(6 * 43.0 * 41 / (42.0 * 36) * 3.78993, within(0.01));
    }

    @Test
    void t2IsTheSquaredMahalanobisDistanceFromTheBaseline() {
        double[][] w = baseline(200, 2, 2);
        HotellingT2Detector d = new HotellingT2Detector(NO_SHRINK);
        d.fit(w);
        double[] mean = new double[2];
        double[] var = new double[2];
        for (double[] x : w) {
            mean[0] += x[0] / w.length;
            mean[1] += x[1] / w.length;
        }
        double cov = 0;
        for (double[] x : w) {
            var[0] += (x[0] - mean[0]) * (x[0] - mean[0]) / (w.length - 1);
            var[1] += (x[1] - mean[1]) * (x[1] - mean[1]) / (w.length - 1);
            cov += (x[0] - mean[0]) * (x[1] - mean[1]) / (w.length - 1);
        }
        double det = var[0] * var[1] - cov * cov;
        double[] x = {mean[0] + 2, mean[1] - 1};
        double expected = (4 * var[1] + 2 * 2 * cov + 1 * var[0]) / det;   // dᵀ S⁻¹ d for d = (2, -1)

        assertThat(d.update(x).t2()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void alarmNeedsKOfTheLastNWindowsBeyondTheLimit() {
        HotellingT2Detector d = new HotellingT2Detector(NO_SHRINK);
        d.fit(baseline(42, 3, 3));
        double[] normal = {10, 10, 10};
        double[] far = {20, 20, 20};

        assertThat(d.update(far).alarm()).isFalse();          // 1 of 1
        assertThat(d.update(normal).alarm()).isFalse();       // 1 of 2
        assertThat(d.update(far).alarm()).isTrue();           // 2 of 3
        assertThat(d.update(normal).alarm()).isFalse();       // far, normal, normal... window: normal, far, normal = 1
        assertThat(d.update(normal).exceeds()).isFalse();
    }

    @Test
    void meanFollowsOnlyWindowsWithinTheLimit() {
        HotellingT2Detector d = new HotellingT2Detector(new HotellingT2Detector.Params(0.995, 2, 3, 0.5, 0.0));
        d.fit(baseline(42, 1, 4));
        double before = d.update(new double[] {10.5}).t2();

        for (int i = 0; i < 20; i++) {
            d.update(new double[] {100});                     // an excursion is never learnt
        }
        assertThat(d.update(new double[] {100}).exceeds()).isTrue();
        assertThat(d.update(new double[] {10.5}).t2()).isLessThan(before);   // the mean moved towards 10.5 only
    }

    @Test
    void tooFewBaselineWindowsAndUseBeforeFitAreRefused() {
        HotellingT2Detector d = new HotellingT2Detector(HotellingT2Detector.Params.DEFAULTS);
        assertThatThrownBy(() -> d.update(new double[] {1})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.fit(baseline(7, 6, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than p+1");
    }

    /**
     * The researched result (docs/research/detector, ADR 0005): device T² over the six fast SKAB
     * tags' 10 s window averages, Phase I = windows inside the first 400 rows, each row takes its
     * window's decision. Pooled over the 16 valve1 files: F1 0.843, FAR 4.59 %.
     */
    @Test
    void skabValve1MeetsTheTargetWithTheResearchedParameters() throws IOException {
        Path dir = SharedDatasets.require("skab").resolve("data/valve1");
        List<String> fast = List.of("Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure", "Voltage",
                "Volume Flow RateRMS");
        List<boolean[]> labels = new ArrayList<>();
        List<boolean[]> predictions = new ArrayList<>();
        for (int f = 0; f < 16; f++) {
            SkabFile file = SkabFile.load(dir.resolve(f + ".csv"));
            Windows w = Windows.of(file, fast, 10_000);
            List<double[]> phaseOne = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                if (w.lastRow[i] < SkabScorer.TRAINING_ROWS) {
                    phaseOne.add(w.avg[i]);
                }
            }
            HotellingT2Detector d = new HotellingT2Detector(HotellingT2Detector.Params.DEFAULTS);
            d.fit(phaseOne.toArray(double[][]::new));
            boolean[] windowAlarm = new boolean[w.size()];
            for (int i = 0; i < w.size(); i++) {
                if (w.lastRow[i] >= SkabScorer.TRAINING_ROWS) {
                    windowAlarm[i] = d.update(w.avg[i]).alarm();
                }
            }
            boolean[] rows = new boolean[file.rows()];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = windowAlarm[w.windowOfRow[r]];
            }
            labels.add(file.anomaly());
            predictions.add(rows);
        }

        SkabScorer.OutlierMetrics m = SkabScorer.outlierMetrics(labels, predictions);

        assertThat(m.f1()).isCloseTo(0.843, within(0.002)).isGreaterThanOrEqualTo(0.6);
        assertThat(m.falseAlarmRate()).isCloseTo(4.59, within(0.05)).isLessThanOrEqualTo(15.0);
    }

    /** Tumbling event-time windows of one SKAB file: averages of the chosen columns, and the row ↔ window map. */
    static final class Windows {
        double[][] avg;
        int[] lastRow;
        int[] windowOfRow;

        int size() {
            return avg.length;
        }

        static Windows of(SkabFile file, List<String> columns, long widthMillis) {
            long[] ts = file.timestampMillis();
            double[][] cols = columns.stream().map(file::sensor).toArray(double[][]::new);
            List<double[]> sums = new ArrayList<>();
            List<int[]> meta = new ArrayList<>();   // {count, lastRow}
            Windows w = new Windows();
            w.windowOfRow = new int[ts.length];
            long current = Long.MIN_VALUE;
            for (int r = 0; r < ts.length; r++) {
                long k = Math.floorDiv(ts[r], widthMillis);
                if (k != current) {
                    current = k;
                    sums.add(new double[cols.length]);
                    meta.add(new int[2]);
                }
                int i = sums.size() - 1;
                for (int c = 0; c < cols.length; c++) {
                    sums.get(i)[c] += cols[c][r];
                }
                meta.get(i)[0]++;
                meta.get(i)[1] = r;
                w.windowOfRow[r] = i;
            }
            w.avg = new double[sums.size()][];
            w.lastRow = new int[sums.size()];
            for (int i = 0; i < sums.size(); i++) {
                double[] a = sums.get(i);
                for (int c = 0; c < a.length; c++) {
                    a[c] /= meta.get(i)[0];
                }
                w.avg[i] = a;
                w.lastRow[i] = meta.get(i)[1];
            }
            return w;
        }
    }
}
