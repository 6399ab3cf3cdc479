package io.plantwatch.evaluation;

/**
 * The three application profiles of SKAB's NAB-style changepoint score: the reward of a changepoint
 * detected at the start of its scoring window ({@code A_tp}), the cost of a false positive
 * ({@code A_fp}) and the cost of a missed changepoint ({@code A_fn}). Costs carry their sign here.
 *
 * <p>Source: SKAB v0.9 {@code core/metrics.py}, default {@code table_of_coef} of
 * {@code single_evaluate_nab} ({@code A_tn} = 1 is listed there but unused).
 */
public enum SkabProfile {

    /** {@code Standard}: A_tp 1, A_fp −0.11, A_fn −1. */
    STANDARD(1.0, -0.11, -1.0),
    /** {@code LowFP}: A_tp 1, A_fp −0.22, A_fn −1. */
    LOW_FP(1.0, -0.22, -1.0),
    /** {@code LowFN}: A_tp 1, A_fp −0.11, A_fn −2. */
    LOW_FN(1.0, -0.11, -2.0);

    private final double aTp;
    private final double aFp;
    private final double aFn;

    SkabProfile(double aTp, double aFp, double aFn) {
        this.aTp = aTp;
        this.aFp = aFp;
        this.aFn = aFn;
    }

    /** Reward of a detection at the very start of a window, &gt; 0. */
    public double aTp() {
        return aTp;
    }

    /** Score of each false positive (and of a detection at the very end of a window), &lt; 0. */
    public double aFp() {
        return aFp;
    }

    /** Score of each missed window, &lt; 0. */
    public double aFn() {
        return aFn;
    }
}
