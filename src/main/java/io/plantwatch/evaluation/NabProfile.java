package io.plantwatch.evaluation;

/**
 * The three NAB application profiles: the weights of a detected window (true positive), of a
 * detection outside every window (false positive) and of a missed window (false negative).
 *
 * <p>Source: NAB v1.1 {@code config/profiles.json} (the {@code tnWeight} of 1.0 listed there has no
 * effect on the score and is left out). All weights are positive; {@link NabScorer} applies the
 * sign.
 */
public enum NabProfile {

    /** NAB {@code standard}: tp 1.0, fp 0.11, fn 1.0. */
    STANDARD("standard", 1.0, 0.11, 1.0),
    /** NAB {@code reward_low_FP_rate}: tp 1.0, fp 0.22, fn 1.0. */
    REWARD_LOW_FP("reward_low_FP_rate", 1.0, 0.22, 1.0),
    /** NAB {@code reward_low_FN_rate}: tp 1.0, fp 0.11, fn 2.0. */
    REWARD_LOW_FN("reward_low_FN_rate", 1.0, 0.11, 2.0);

    private final String nabName;
    private final double tpWeight;
    private final double fpWeight;
    private final double fnWeight;

    NabProfile(String nabName, double tpWeight, double fpWeight, double fnWeight) {
        this.nabName = nabName;
        this.tpWeight = tpWeight;
        this.fpWeight = fpWeight;
        this.fnWeight = fnWeight;
    }

    /** The profile's key in NAB's {@code profiles.json}, e.g. {@code reward_low_FP_rate}. */
    public String nabName() {
        return nabName;
    }

    /** Reward of a window detected at its left edge (scaled down later in the window), &gt; 0. */
    public double tpWeight() {
        return tpWeight;
    }

    /** Largest cost of one false-positive row (charged as a negative score), &gt; 0. */
    public double fpWeight() {
        return fpWeight;
    }

    /** Cost of one missed window (charged as a negative score), &gt; 0. */
    public double fnWeight() {
        return fnWeight;
    }
}
