package io.plantwatch.streaming.detect;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Device-level Hotelling T² on the vector of a device's window averages (one value per fast tag:
 * flow, pressure, current, voltage, vibration). Design and evidence: ADR 0005 and
 * {@code docs/research/detector/}.
 *
 * <ul>
 *   <li><b>Phase I</b> ({@link #fit}): the mean μ₀ and the sample covariance S of the run's first
 *       windows. S is shrunk towards its diagonal, {@code S ← (1−λ)S + λ·diag(S)}, to keep the
 *       inverse well conditioned with few windows (the idea of Ledoit–Wolf with a fixed λ). S⁻¹ is
 *       a pseudo-inverse, so a constant tag cannot break it.</li>
 *   <li><b>Limit</b>: the Phase-II control limit for individual observations with estimated
 *       parameters, {@code UCL = p(m+1)(m−1) / (m(m−p)) · F_q(p, m−p)} (Hotelling 1947; Tracy,
 *       Young &amp; Mason 1992).</li>
 *   <li><b>Phase II</b> ({@link #update}): {@code T² = (x−μ)ᵀ S⁻¹ (x−μ)}. A window exceeds when
 *       T² &gt; UCL. The device is in alarm when at least k of the last n windows exceed. The mean
 *       follows an EWMA with weight α on windows that do not exceed, which absorbs slow drift of
 *       the operating point but not the excursion itself.</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance per device, fed in event-time order.
 */
public final class HotellingT2Detector {

    /**
     * Parameters; {@link #DEFAULTS} are the researched values (ADR 0005).
     *
     * @param quantile  F-distribution quantile of the limit, e.g. 0.995
     * @param k         exceeding windows needed …
     * @param n         … among the last n windows
     * @param alpha     EWMA weight of the mean's update on non-exceeding windows
     * @param shrinkage λ, covariance shrinkage towards its diagonal, 0–1
     */
    public record Params(double quantile, int k, int n, double alpha, double shrinkage) {

        /** q 0.995, 2 of 3, α 0.02, λ 0.1: SKAB valve1 F1 0.843, FAR 4.6 % (docs/research/detector). */
        public static final Params DEFAULTS = new Params(0.995, 2, 3, 0.02, 0.1);

        /** @throws IllegalArgumentException on values outside their ranges */
        public Params {
            if (!(quantile > 0 && quantile < 1) || k < 1 || n < k || !(alpha >= 0 && alpha <= 1)
                    || !(shrinkage >= 0 && shrinkage <= 1)) {
                throw new IllegalArgumentException("invalid T² parameters: " + this);
            }
        }
    }

    /**
     * One window's result.
     *
     * @param t2      the T² statistic
     * @param limit   the control limit (UCL)
     * @param exceeds T² above the limit
     * @param alarm   the persistence rule holds (k of the last n windows exceed)
     */
    public record Result(double t2, double limit, boolean exceeds, boolean alarm) {
    }

    private final Params params;
    private double[] mean;
    private double[][] inverse;
    private double limit;
    private final Deque<Boolean> recent = new ArrayDeque<>();
    private int recentExceeding;

    public HotellingT2Detector(Params params) {
        this.params = params;
    }

    /** True once {@link #fit} has been called. */
    public boolean fitted() {
        return mean != null;
    }

    /** The control limit (UCL), NaN before {@link #fit}. */
    public double limit() {
        return mean == null ? Double.NaN : limit;
    }

    /**
     * Phase I: fits the baseline on m window vectors of p values each.
     *
     * @param windows m × p window averages, m &gt; p + 1
     * @throws IllegalArgumentException when there are too few windows or the rows differ in length
     */
    public void fit(double[][] windows) {
        int m = windows.length;
        int p = m == 0 ? 0 : windows[0].length;
        if (p == 0 || m <= p + 1) {
            throw new IllegalArgumentException("T² needs more than p+1 = " + (p + 1) + " baseline windows, got " + m);
        }
        double[] mu = new double[p];
        for (double[] w : windows) {
            if (w.length != p) {
                throw new IllegalArgumentException("window vectors differ in length");
            }
            for (int j = 0; j < p; j++) {
                mu[j] += w[j] / m;
            }
        }
        double[][] s = new double[p][p];
        for (double[] w : windows) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    s[a][b] += (w[a] - mu[a]) * (w[b] - mu[b]) / (m - 1);
                }
            }
        }
        double lambda = params.shrinkage();
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                s[a][b] = a == b ? s[a][b] : (1 - lambda) * s[a][b];
            }
        }
        RealMatrix pinv = new SingularValueDecomposition(new Array2DRowRealMatrix(s)).getSolver().getInverse();
        this.inverse = pinv.getData();
        this.mean = mu;
        this.limit = p * (m + 1.0) * (m - 1.0) / (m * (double) (m - p))
                * new FDistribution(null, p, m - p).inverseCumulativeProbability(params.quantile());
        recent.clear();
        recentExceeding = 0;
    }

    /**
     * Phase II: scores one window vector.
     *
     * @param x the p window averages, in the order used for {@link #fit}
     * @throws IllegalStateException before {@link #fit}
     */
    public Result update(double[] x) {
        if (mean == null) {
            throw new IllegalStateException("fit the T² baseline first");
        }
        int p = mean.length;
        double[] d = new double[p];
        for (int j = 0; j < p; j++) {
            d[j] = x[j] - mean[j];
        }
        double t2 = 0;
        for (int a = 0; a < p; a++) {
            double row = 0;
            for (int b = 0; b < p; b++) {
                row += inverse[a][b] * d[b];
            }
            t2 += d[a] * row;
        }
        boolean exceeds = t2 > limit;
        recent.addLast(exceeds);
        recentExceeding += exceeds ? 1 : 0;
        if (recent.size() > params.n()) {
            recentExceeding -= recent.removeFirst() ? 1 : 0;
        }
        if (!exceeds) {
            for (int j = 0; j < p; j++) {
                mean[j] += params.alpha() * d[j];
            }
        }
        return new Result(t2, limit, exceeds, recentExceeding >= params.k());
    }
}
