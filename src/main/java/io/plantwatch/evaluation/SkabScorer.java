package io.plantwatch.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SKAB's two scores for a detector, computed on the test part of each file (every row after the first
 * {@link #TRAINING_ROWS} = 400, which SKAB's pipelines use for fitting):
 * <ul>
 *   <li><b>Outlier detection</b> ({@link #outlierMetrics}): point-wise TP/FP/TN/FN of a 0/1 prediction
 *       against the {@code anomaly} column, pooled over all files; F1 = TP/(TP + (FP+FN)/2),
 *       FAR = FP/(FP+TN)·100 %, MAR = FN/(FN+TP)·100 %.</li>
 *   <li><b>Changepoint detection</b> ({@link #changepointScore}): SKAB's NAB-style score. Each true
 *       changepoint {@code t} gets the window {@code [t, t + 60 s]} (to its right); where a window
 *       reaches the next one's start, the right window's start is moved to the left window's end
 *       ("cut right window"). The first predicted changepoint inside a window scores
 *       {@link #tpReward}, falling along a tanh curve from {@code A_tp} at the window start to
 *       {@code A_fp} at its end; a window with none scores {@code A_fn}; every predicted changepoint
 *       outside all windows scores {@code A_fp} (flat, no distance weighting); further predictions in a
 *       window score nothing. Raw scores are summed over files and normalised to
 *       {@code 100·(S − S_null)/(S_perfect − S_null)}, {@code S_null = windows·A_fn},
 *       {@code S_perfect = windows·A_tp}.</li>
 * </ul>
 *
 * <p>Source: SKAB v0.9 README ("proposed leaderboard", test split after 400 rows, 60 s right-hand
 * window) and {@code core/metrics.py} ({@code chp_score} with {@code metric="binary"} and
 * {@code metric="nab", window_width="60s", anomaly_window_destination="righter"}, default
 * {@code intersection_mode="cut right window"}, {@code my_scale} with 1000 points and
 * {@code koef = 1}); re-implemented here, not copied. SKAB rounds the published figures to 2 decimals;
 * the values returned here are unrounded.
 */
public final class SkabScorer {

    /** Leading rows of each file used for fitting and excluded from scoring. */
    public static final int TRAINING_ROWS = 400;
    /** Width of the scoring window to the right of each true changepoint. */
    public static final Duration CHANGEPOINT_WINDOW = Duration.ofSeconds(60);
    /** Number of points of SKAB's discretised tanh reward curve ({@code detalization}). */
    static final int SCALE_POINTS = 1000;

    private SkabScorer() {
    }

    /**
     * Pooled point-wise confusion counts and the metrics derived from them.
     *
     * @param truePositives  test rows labelled anomalous and predicted anomalous
     * @param falsePositives test rows labelled normal but predicted anomalous
     * @param trueNegatives  test rows labelled normal and predicted normal
     * @param falseNegatives test rows labelled anomalous but predicted normal
     */
    public record OutlierMetrics(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

        /** @throws IllegalArgumentException when a count is negative */
        public OutlierMetrics {
            if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
                throw new IllegalArgumentException("counts must be >= 0");
            }
        }

        /** F1 = TP/(TP + (FP+FN)/2), in [0, 1]; NaN when there is no positive label and no positive prediction. */
        public double f1() {
            return truePositives / (truePositives + (falsePositives + falseNegatives) / 2.0);
        }

        /** False alarm rate FAR = FP/(FP+TN)·100, in %; NaN when no row is labelled normal. */
        public double falseAlarmRate() {
            return 100.0 * falsePositives / (double) (falsePositives + trueNegatives);
        }

        /** Missed alarm rate MAR = FN/(FN+TP)·100, in %; NaN when no row is labelled anomalous. */
        public double missedAlarmRate() {
            return 100.0 * falseNegatives / (double) (falseNegatives + truePositives);
        }

        /** Number of rows counted: TP + FP + TN + FN. */
        public long rows() {
            return truePositives + falsePositives + trueNegatives + falseNegatives;
        }
    }

    /**
     * The NAB-style changepoint score of a set of files for one profile.
     *
     * @param profile         the weights used
     * @param rawScore        raw score S summed over the files
     * @param windows         number of scoring windows (true changepoints in the test parts)
     * @param detectedWindows windows with at least one predicted changepoint
     * @param missedWindows   windows without a predicted changepoint ({@code windows − detectedWindows})
     * @param falsePositives  predicted changepoints outside every window
     */
    public record ChangepointScore(SkabProfile profile, double rawScore, int windows, int detectedWindows,
                                   int missedWindows, int falsePositives) {

        /** @throws NullPointerException when {@code profile} is null */
        public ChangepointScore {
            Objects.requireNonNull(profile, "profile");
        }

        /** {@code S_null = windows · A_fn}. */
        public double nullScore() {
            return windows * profile.aFn();
        }

        /** {@code S_perfect = windows · A_tp}. */
        public double perfectScore() {
            return windows * profile.aTp();
        }

        /** {@code 100 · (S − S_null)/(S_perfect − S_null)}: 0 = null detector, 100 = perfect; NaN with no window. */
        public double normalised() {
            return 100.0 * (rawScore - nullScore()) / (perfectScore() - nullScore());
        }
    }

    /** {@link #outlierMetrics(List, List, int)} with the standard 400 training rows. */
    public static OutlierMetrics outlierMetrics(List<boolean[]> trueAnomaly, List<boolean[]> predictedAnomaly) {
        return outlierMetrics(trueAnomaly, predictedAnomaly, TRAINING_ROWS);
    }

    /**
     * Pools the point-wise confusion counts over the test parts of several files.
     *
     * @param trueAnomaly      per file, the {@code anomaly} label of every row (whole file)
     * @param predictedAnomaly per file, the detector's 0/1 output of every row (whole file, same lengths;
     *                         values in the training part are ignored)
     * @param trainingRows     leading rows of each file to exclude, ≥ 0 (a shorter file contributes nothing)
     * @return pooled TP/FP/TN/FN
     * @throws IllegalArgumentException when the lists or a file's arrays differ in length, or
     *                                  {@code trainingRows} is negative
     */
    public static OutlierMetrics outlierMetrics(List<boolean[]> trueAnomaly, List<boolean[]> predictedAnomaly,
                                                int trainingRows) {
        requireSameSize(trueAnomaly, predictedAnomaly, "true anomaly", "predicted anomaly");
        requireTrainingRows(trainingRows);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int f = 0; f < trueAnomaly.size(); f++) {
            boolean[] t = Objects.requireNonNull(trueAnomaly.get(f), "true anomaly of file " + f);
            boolean[] p = Objects.requireNonNull(predictedAnomaly.get(f), "prediction of file " + f);
            if (t.length != p.length) {
                throw new IllegalArgumentException("file " + f + ": " + t.length + " labels but " + p.length
                        + " predictions");
            }
            for (int r = trainingRows; r < t.length; r++) {
                if (t[r]) {
                    if (p[r]) {
                        tp++;
                    } else {
                        fn++;
                    }
                } else if (p[r]) {
                    fp++;
                } else {
                    tn++;
                }
            }
        }
        return new OutlierMetrics(tp, fp, tn, fn);
    }

    /** {@link #predictedChangepoints(boolean[], int)} with the standard 400 training rows. */
    public static boolean[] predictedChangepoints(boolean[] predictedAnomaly) {
        return predictedChangepoints(predictedAnomaly, TRAINING_ROWS);
    }

    /**
     * Turns a 0/1 outlier prediction into predicted changepoints the way SKAB's pipelines do on the
     * test part ({@code cp = |prediction.diff()|}, with the first test row set to the prediction itself).
     *
     * @param predictedAnomaly the detector's output for every row of the file
     * @param trainingRows     leading rows that are not part of the test part, ≥ 0
     * @return same length; false in the training part, {@code p[trainingRows]} at the first test row,
     *         and true at every later test row whose prediction differs from the row before
     * @throws IllegalArgumentException when {@code trainingRows} is negative
     */
    public static boolean[] predictedChangepoints(boolean[] predictedAnomaly, int trainingRows) {
        Objects.requireNonNull(predictedAnomaly, "predictedAnomaly");
        requireTrainingRows(trainingRows);
        boolean[] cp = new boolean[predictedAnomaly.length];
        for (int r = trainingRows; r < cp.length; r++) {
            cp[r] = r == trainingRows ? predictedAnomaly[r] : predictedAnomaly[r] != predictedAnomaly[r - 1];
        }
        return cp;
    }

    /**
     * SKAB's scoring windows for sorted true changepoint times: {@code [t, t + width]} for each, then,
     * left to right, wherever a window's end is at or after the next one's start, the next one's start is
     * moved to that end ({@code intersection_mode="cut right window"}).
     *
     * @param changepointTimes true changepoint times, ascending (ms of naive clock time)
     * @param width            window width, &gt; 0
     * @return {@code [start, end]} per changepoint, in ms; a new list of new arrays
     * @throws IllegalArgumentException when the times are not ascending or {@code width} is not positive
     */
    public static List<long[]> scoringWindows(long[] changepointTimes, Duration width) {
        Objects.requireNonNull(changepointTimes, "changepointTimes");
        Objects.requireNonNull(width, "width");
        if (width.isNegative() || width.isZero()) {
            throw new IllegalArgumentException("window width must be positive, was " + width);
        }
        long w = width.toMillis();
        List<long[]> out = new ArrayList<>(changepointTimes.length);
        for (int i = 0; i < changepointTimes.length; i++) {
            if (i > 0 && changepointTimes[i] < changepointTimes[i - 1]) {
                throw new IllegalArgumentException("changepoint times must be ascending");
            }
            out.add(new long[] {changepointTimes[i], changepointTimes[i] + w});
        }
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i)[1] >= out.get(i + 1)[0]) {
                out.get(i + 1)[0] = out.get(i)[1];
            }
        }
        return out;
    }

    /**
     * SKAB's reward for the first predicted changepoint inside a window ({@code my_scale}, 1000 points,
     * {@code koef = 1}): with {@code k = min(floor((t − start)/(end − start) · 1000), 999)} and
     * {@code x = −π/2 + k·π/999}, the reward is
     * {@code (A_tp − A_fp)/2 · (−tanh x / tanh(π/2)) + (A_tp − A_fp)/2 + A_fp}: {@code A_tp} at the
     * window start, {@code A_fp} at its end.
     *
     * @param windowStart start of the window (ms)
     * @param detection   time of the predicted changepoint (ms), in {@code [windowStart, windowEnd]}
     * @param windowEnd   end of the window (ms); a zero-length window gives {@code A_tp} (SKAB divides
     *                    by zero there)
     * @param profile     the weights
     * @return the reward, between {@code A_fp} and {@code A_tp}
     * @throws IllegalArgumentException when {@code detection} is outside the window
     */
    public static double tpReward(long windowStart, long detection, long windowEnd, SkabProfile profile) {
        Objects.requireNonNull(profile, "profile");
        if (detection < windowStart || detection > windowEnd) {
            throw new IllegalArgumentException("detection " + detection + " outside window [" + windowStart + ", "
                    + windowEnd + "]");
        }
        int k = 0;
        if (windowEnd > windowStart) {
            k = (int) ((double) (detection - windowStart) / (double) (windowEnd - windowStart) * SCALE_POINTS);
            k = Math.min(k, SCALE_POINTS - 1);
        }
        double x = k == SCALE_POINTS - 1 ? Math.PI / 2 : k * (Math.PI / (SCALE_POINTS - 1)) - Math.PI / 2;
        double half = (profile.aTp() - profile.aFp()) / 2;
        return half * -1 * Math.tanh(x) / Math.tanh(Math.PI / 2) + half + profile.aFp();
    }

    /** {@link #changepointScore(List, List, List, SkabProfile, int, Duration)} with 400 training rows and 60 s windows. */
    public static ChangepointScore changepointScore(List<long[]> timestamps, List<boolean[]> trueChangepoints,
                                                    List<boolean[]> predictedChangepoints, SkabProfile profile) {
        return changepointScore(timestamps, trueChangepoints, predictedChangepoints, profile, TRAINING_ROWS,
                CHANGEPOINT_WINDOW);
    }

    /**
     * SKAB's NAB-style changepoint score over the test parts of several files (see the class description).
     *
     * @param timestamps            per file, every row's timestamp (ms of naive clock time), ascending
     *                              within the test part
     * @param trueChangepoints      per file, the {@code changepoint} label of every row (same length)
     * @param predictedChangepoints per file, the predicted changepoints of every row (same length), e.g.
     *                              from {@link #predictedChangepoints(boolean[])}; training part ignored
     * @param profile               the weights
     * @param trainingRows          leading rows of each file to exclude, ≥ 0
     * @param window                width of the window right of each true changepoint, &gt; 0
     * @return the summed raw score, window and false-positive counts
     * @throws IllegalArgumentException when list sizes or array lengths differ, timestamps in a test part
     *                                  go backwards, {@code trainingRows} is negative or the width is not positive
     */
    public static ChangepointScore changepointScore(List<long[]> timestamps, List<boolean[]> trueChangepoints,
                                                    List<boolean[]> predictedChangepoints, SkabProfile profile,
                                                    int trainingRows, Duration window) {
        requireSameSize(timestamps, trueChangepoints, "timestamps", "true changepoints");
        requireSameSize(timestamps, predictedChangepoints, "timestamps", "predicted changepoints");
        Objects.requireNonNull(profile, "profile");
        requireTrainingRows(trainingRows);
        double raw = 0;
        int windows = 0;
        int detected = 0;
        int falsePositives = 0;
        for (int f = 0; f < timestamps.size(); f++) {
            long[] ts = Objects.requireNonNull(timestamps.get(f), "timestamps of file " + f);
            boolean[] truth = Objects.requireNonNull(trueChangepoints.get(f), "true changepoints of file " + f);
            boolean[] pred = Objects.requireNonNull(predictedChangepoints.get(f), "predictions of file " + f);
            if (truth.length != ts.length || pred.length != ts.length) {
                throw new IllegalArgumentException("file " + f + ": " + ts.length + " timestamps, " + truth.length
                        + " labels, " + pred.length + " predictions");
            }
            for (int r = trainingRows + 1; r < ts.length; r++) {
                if (ts[r] < ts[r - 1]) {
                    throw new IllegalArgumentException("file " + f + ": timestamps go backwards at row " + r);
                }
            }
            long[] cps = timesWhere(ts, truth, trainingRows);
            long[] preds = timesWhere(ts, pred, trainingRows);
            List<long[]> wins = scoringWindows(cps, window);
            windows += wins.size();
            for (long[] w : wins) {
                long first = Long.MIN_VALUE;
                boolean found = false;
                for (long p : preds) {
                    if (p >= w[0] && p <= w[1]) {
                        first = p;
                        found = true;
                        break;
                    }
                }
                if (found) {
                    detected++;
                    raw += tpReward(w[0], first, w[1], profile);
                } else {
                    raw += profile.aFn();
                }
            }
            for (long p : preds) {
                boolean inside = false;
                for (long[] w : wins) {
                    if (p >= w[0] && p <= w[1]) {
                        inside = true;
                        break;
                    }
                }
                if (!inside) {
                    falsePositives++;
                    raw += profile.aFp();
                }
            }
        }
        return new ChangepointScore(profile, raw, windows, detected, windows - detected, falsePositives);
    }

    private static long[] timesWhere(long[] ts, boolean[] flags, int from) {
        int count = 0;
        for (int r = from; r < ts.length; r++) {
            if (flags[r]) {
                count++;
            }
        }
        long[] out = new long[count];
        int k = 0;
        for (int r = from; r < ts.length; r++) {
            if (flags[r]) {
                out[k++] = ts[r];
            }
        }
        return out;
    }

    private static void requireSameSize(List<?> a, List<?> b, String aName, String bName) {
        Objects.requireNonNull(a, aName);
        Objects.requireNonNull(b, bName);
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(a.size() + " files of " + aName + " but " + b.size() + " of " + bName);
        }
    }

    private static void requireTrainingRows(int trainingRows) {
        if (trainingRows < 0) {
            throw new IllegalArgumentException("training rows must be >= 0, was " + trainingRows);
        }
    }
}
