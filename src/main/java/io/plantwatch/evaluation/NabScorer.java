package io.plantwatch.evaluation;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Scores a detector's 0/1 output on NAB data files the way NAB v1.1 does, and normalises the summed
 * raw score of a corpus to NAB's 0 (null detector) … 100 (perfect detector) scale.
 *
 * <p>Source of the algorithm: Lavin &amp; Ahmad, "Evaluating Real-time Anomaly Detection Algorithms –
 * the Numenta Anomaly Benchmark" (2015), and NAB v1.1's {@code nab/sweeper.py} (which
 * {@code nab/scorer.py} calls since v1.1) and {@code nab/runner.py#normalize}; re-implemented here,
 * not copied. Per file:
 * <ul>
 *   <li>The first {@link #probationaryRows(int) min(floor(0.15·n), 750)} rows are ignored entirely.</li>
 *   <li>Windows are resolved to row ranges by row order ({@link #resolveWindows(long[], List)}), so
 *       repeated or backward timestamps are handled as NAB handles them.</li>
 *   <li>A detection at row {@code i} of a window with last row {@code r} and width {@code w} rows is
 *       worth {@code tpWeight·σ(−(r−i+1)/w)/σ(−1)} with {@code σ(y) = 2/(1+e^{5y}) − 1}; only the best
 *       (earliest) one counts. A window without a scored detection costs {@code −fnWeight}.</li>
 *   <li>A detection outside every window costs {@code fpWeight·σ(|i−r'|/(w'−1))}, where {@code r'},
 *       {@code w'} are the last row and width of the closest window that ended before it; σ is taken
 *       as −1 beyond 3 (strictly) and when no window precedes the row.</li>
 * </ul>
 * A window with at least one row past the probationary period is "scored"; a window lying wholly in
 * the probationary period is neither rewarded nor charged (as in {@code sweeper.py}).
 */
public final class NabScorer {

    /** Share of each file that is probationary (NAB {@code probationPercent}). */
    public static final double PROBATIONARY_FRACTION = 0.15;
    /** Cap of the probationary period in rows (NAB: {@code 0.15 · 5000}). */
    public static final int PROBATIONARY_CAP_ROWS = 750;

    private NabScorer() {
    }

    /**
     * The row range a window resolved to.
     *
     * @param firstRow index of the window's first row, 0-based
     * @param lastRow  index of the window's last row, inclusive, ≥ {@code firstRow}
     */
    public record WindowRows(int firstRow, int lastRow) {

        /** @throws IllegalArgumentException when the range is empty or negative */
        public WindowRows {
            if (firstRow < 0 || lastRow < firstRow) {
                throw new IllegalArgumentException("bad window rows [" + firstRow + ", " + lastRow + "]");
            }
        }

        /** Width in rows, ≥ 1. */
        public int width() {
            return lastRow - firstRow + 1;
        }
    }

    /**
     * The outcome of scoring one file with one profile.
     *
     * @param profile          the profile the weights came from
     * @param rawScore         NAB's raw score S of the file (sum of window rewards/costs and FP costs)
     * @param windows          number of scored windows (windows with at least one row past the
     *                         probationary period)
     * @param tpWindows        scored windows with at least one scored detection
     * @param fnWindows        scored windows without a scored detection ({@code windows − tpWindows})
     * @param tpRows           scored rows flagged inside a window (all of them, not only the first)
     * @param fpRows           scored rows flagged outside every window
     * @param probationaryRows rows ignored at the start of the file
     */
    public record FileScore(NabProfile profile, double rawScore, int windows, int tpWindows, int fnWindows,
                            int tpRows, int fpRows, int probationaryRows) {

        /** @throws NullPointerException when {@code profile} is null */
        public FileScore {
            Objects.requireNonNull(profile, "profile");
        }

        /** The null detector's raw score over the same windows: {@code −fnWeight · windows}. */
        public double nullScore() {
            return -profile.fnWeight() * windows;
        }

        /** The perfect detector's raw score over the same windows: {@code tpWeight · windows}. */
        public double perfectScore() {
            return profile.tpWeight() * windows;
        }
    }

    /**
     * NAB's probationary length: {@code min(floor(0.15 · rows), 750)}.
     *
     * @param rows number of rows of the file, ≥ 0
     * @return number of leading rows that are not scored
     * @throws IllegalArgumentException when {@code rows} is negative
     */
    public static int probationaryRows(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        return (int) Math.min(Math.floor(PROBATIONARY_FRACTION * rows), PROBATIONARY_CAP_ROWS);
    }

    /**
     * NAB's scaled sigmoid {@code σ(y) = 2/(1+e^{5y}) − 1} (equal to {@code tanh(−2.5y)}), with
     * {@code σ(y) = −1} for {@code y > 3}. σ(−1) ≈ 0.98661, σ(−0.5) ≈ 0.84828, σ(0) = 0.
     *
     * @param y relative position: −1 … 0 across a window, &gt; 0 past its right edge
     * @return the unweighted score in (−1, 1)
     */
    public static double scaledSigmoid(double y) {
        if (y > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    /**
     * Resolves windows to row ranges by walking the rows in file order, as {@code sweeper.py} does: a
     * window starts at the first not-yet-claimed row whose timestamp lies in {@code [start, end]} and ends
     * at the first later row whose timestamp equals {@code end} (or just before the first row whose
     * timestamp is past {@code end}, or at the last row of the file). Rows are never reordered, so a
     * clock that steps back is handled by row position. With NAB's own labels (start and end are
     * timestamps present in the data) this equals NAB's {@code timestamps.index(...)} resolution.
     *
     * @param timestamps row timestamps in file order (ms of naive clock time, see the package doc)
     * @param windows    windows in ascending order, each starting after the previous one ends
     * @return one row range per window, in the same order
     * @throws IllegalArgumentException when windows overlap or are out of order, or when a window
     *                                  contains no row
     */
    public static List<WindowRows> resolveWindows(long[] timestamps, List<NabWindow> windows) {
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(windows, "windows");
        long[][] limits = new long[windows.size()][];
        for (int k = 0; k < limits.length; k++) {
            NabWindow w = Objects.requireNonNull(windows.get(k), "window " + k);
            limits[k] = new long[] {EvalTimestamps.toMillis(w.start()), EvalTimestamps.toMillis(w.end())};
            if (k > 0 && limits[k][0] <= limits[k - 1][1]) {
                throw new IllegalArgumentException("window " + k + " " + w + " does not start after window "
                        + (k - 1) + " " + windows.get(k - 1) + " ends");
            }
        }
        List<WindowRows> out = new ArrayList<>(limits.length);
        int n = timestamps.length;
        int i = 0;
        for (int k = 0; k < limits.length; k++) {
            long start = limits[k][0];
            long end = limits[k][1];
            while (i < n && (timestamps[i] < start || timestamps[i] > end)) {
                i++;
            }
            if (i == n) {
                throw new IllegalArgumentException("window " + k + " " + windows.get(k)
                        + " contains no row (after the rows of the previous window)");
            }
            int first = i;
            int last = n - 1;
            for (int j = first; j < n; j++) {
                if (timestamps[j] == end) {
                    last = j;
                    break;
                }
                if (timestamps[j] > end) {
                    last = j - 1;
                    break;
                }
            }
            out.add(new WindowRows(first, last));
            i = last + 1;
        }
        return List.copyOf(out);
    }

    /**
     * Scores one file. Same as {@link #score(long[], boolean[], List, NabProfile)} with the timestamps
     * converted to ms of naive clock time.
     *
     * @param timestamps row timestamps in file order, size n, naive local clock time
     * @param detections detector output per row (true = anomaly detected), length n
     * @param windows    the file's windows, ascending and non-overlapping (may be empty)
     * @param profile    the cost weights
     * @return the file's raw score and counts
     * @throws IllegalArgumentException see {@link #score(long[], boolean[], List, NabProfile)}
     */
    public static FileScore score(List<LocalDateTime> timestamps, boolean[] detections, List<NabWindow> windows,
                                  NabProfile profile) {
        Objects.requireNonNull(timestamps, "timestamps");
        return score(EvalTimestamps.toMillis(timestamps), detections, windows, profile);
    }

    /**
     * Scores one file as NAB v1.1 does (see the class description).
     *
     * @param timestamps row timestamps in file order, length n (ms of naive clock time)
     * @param detections detector output per row (true = anomaly detected), length n
     * @param windows    the file's windows, ascending and non-overlapping (may be empty)
     * @param profile    the cost weights
     * @return the file's raw score and counts
     * @throws IllegalArgumentException when the array lengths differ, or the windows are invalid for
     *                                  these rows ({@link #resolveWindows(long[], List)})
     * @throws NullPointerException     on a null argument
     */
    public static FileScore score(long[] timestamps, boolean[] detections, List<NabWindow> windows,
                                  NabProfile profile) {
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(detections, "detections");
        Objects.requireNonNull(profile, "profile");
        if (timestamps.length != detections.length) {
            throw new IllegalArgumentException(timestamps.length + " timestamps but " + detections.length
                    + " detections");
        }
        List<WindowRows> rows = resolveWindows(timestamps, windows);
        int n = timestamps.length;
        int probation = probationaryRows(n);
        double maxTp = scaledSigmoid(-1.0);

        int[] windowOfRow = new int[n];
        Arrays.fill(windowOfRow, -1);
        for (int k = 0; k < rows.size(); k++) {
            for (int r = rows.get(k).firstRow(); r <= rows.get(k).lastRow(); r++) {
                windowOfRow[r] = k;
            }
        }
        double[] best = new double[rows.size()];
        Arrays.fill(best, -profile.fnWeight());
        boolean[] scored = new boolean[rows.size()];
        boolean[] detected = new boolean[rows.size()];

        double fpScore = 0;
        int tpRows = 0;
        int fpRows = 0;
        int prevLast = -1;
        int prevWidth = 0;
        for (int i = 0; i < n; i++) {
            int k = windowOfRow[i];
            if (i >= probation) {
                if (k >= 0) {
                    scored[k] = true;
                    if (detections[i]) {
                        WindowRows w = rows.get(k);
                        double position = -(w.lastRow() - i + 1) / (double) w.width();
                        double s = scaledSigmoid(position) * profile.tpWeight() / maxTp;
                        best[k] = Math.max(best[k], s);
                        detected[k] = true;
                        tpRows++;
                    }
                } else if (detections[i]) {
                    double unweighted;
                    if (prevLast < 0 || prevWidth <= 1) {
                        // No preceding window (NAB: "really far away"); a 1-row window has no width to
                        // measure distance by (NAB would divide by zero): charge the full cost.
                        unweighted = -1.0;
                    } else {
                        unweighted = scaledSigmoid(Math.abs(prevLast - i) / (double) (prevWidth - 1));
                    }
                    fpScore += unweighted * profile.fpWeight();
                    fpRows++;
                }
            }
            if (k >= 0 && i == rows.get(k).lastRow()) {
                prevLast = i;
                prevWidth = rows.get(k).width();
            }
        }

        double raw = fpScore;
        int windowCount = 0;
        int tpWindows = 0;
        for (int k = 0; k < rows.size(); k++) {
            if (scored[k]) {
                windowCount++;
                raw += best[k];
                if (detected[k]) {
                    tpWindows++;
                }
            }
        }
        return new FileScore(profile, raw, windowCount, tpWindows, windowCount - tpWindows, tpRows, fpRows,
                probation);
    }

    /**
     * NAB's normalised score {@code 100 · (S − S_null) / (S_perfect − S_null)} with
     * {@code S_null = −fnWeight · windows} and {@code S_perfect = tpWeight · windows} (NAB v1.1
     * {@code runner.py#normalize}; the null detector's raw score is {@code −fnWeight} per window).
     *
     * @param rawTotal raw score S summed over the files
     * @param windows  number of windows in those files, &gt; 0
     * @param profile  the profile S was computed with
     * @return the normalised score: 0 for the null detector, 100 for the perfect one; may be negative
     * @throws IllegalArgumentException when {@code windows} ≤ 0 or {@code rawTotal} is not finite
     */
    public static double normalise(double rawTotal, int windows, NabProfile profile) {
        Objects.requireNonNull(profile, "profile");
        if (windows <= 0) {
            throw new IllegalArgumentException("normalisation needs at least one window, was " + windows);
        }
        if (!Double.isFinite(rawTotal)) {
            throw new IllegalArgumentException("raw score must be finite, was " + rawTotal);
        }
        double nullScore = -profile.fnWeight() * windows;
        double perfectScore = profile.tpWeight() * windows;
        return 100.0 * (rawTotal - nullScore) / (perfectScore - nullScore);
    }

    /**
     * Normalises the corpus made of the given files: their raw scores and scored windows are summed
     * and passed to {@link #normalise(double, int, NabProfile)}.
     *
     * @param files per-file scores, all computed with the same profile, at least one window in total
     * @return the corpus's normalised score
     * @throws IllegalArgumentException when {@code files} is empty, mixes profiles or has no window
     */
    public static double normalise(Collection<FileScore> files) {
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to normalise");
        }
        NabProfile profile = null;
        double raw = 0;
        int windows = 0;
        for (FileScore f : files) {
            if (profile == null) {
                profile = f.profile();
            } else if (profile != f.profile()) {
                throw new IllegalArgumentException("files scored with different profiles: " + profile + ", "
                        + f.profile());
            }
            raw += f.rawScore();
            windows += f.windows();
        }
        return normalise(raw, windows, profile);
    }
}
