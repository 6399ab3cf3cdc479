package io.plantwatch.domain;

import java.time.Duration;

/**
 * Parameters of the anomaly detectors per tag class, from the site file's {@code detectors}
 * section. The defaults are the researched values of ADR 0005 ({@code docs/research/detector/}).
 *
 * @param t2BaselineWindows   FAST: windows of a run that fit the T² baseline (42 ≈ SKAB's 400-row fit split at 1 Hz, 10 s windows)
 * @param t2Quantile          FAST: F quantile of the T² limit (Tracy, Young &amp; Mason 1992)
 * @param t2K                 FAST: exceeding windows needed …
 * @param t2N                 FAST: … among the last n
 * @param t2Alpha             FAST: EWMA weight of the baseline mean on windows within the limit
 * @param t2Shrinkage         FAST: covariance shrinkage towards its diagonal
 * @param t2Priority          FAST: priority of the device's ANOMALY alarm
 * @param zMeanHalfLife       THERMAL: half-life of the baseline mean
 * @param zVarianceHalfLife   THERMAL: half-life of the baseline variance
 * @param zOn                 THERMAL: |z| that starts an alarm
 * @param zOff                THERMAL: |z| below which it ends
 * @param zWarmup             THERMAL: initialisation period without alarms
 * @param zPriority           THERMAL: priority of the tag's ANOMALY alarm
 * @param stuckDuration       any class: a sensor whose readings do not change for this long is stuck
 *                            (5 min ≈ 7 × the longest natural run of identical readings on the SKAB rig, 43 s)
 * @param otherPriority       priority of stuck-sensor and rate-of-change alarms
 */
public record DetectorSettings(int t2BaselineWindows, double t2Quantile, int t2K, int t2N, double t2Alpha,
        double t2Shrinkage, int t2Priority, Duration zMeanHalfLife, Duration zVarianceHalfLife, double zOn,
        double zOff, Duration zWarmup, int zPriority, Duration stuckDuration, int otherPriority) {

    /** The researched defaults (ADR 0005); anomaly alarms at priority 3. */
    public static final DetectorSettings DEFAULTS = new DetectorSettings(42, 0.995, 2, 3, 0.02, 0.1, 3,
            Duration.ofDays(1), Duration.ofDays(7), 3.0, 1.5, Duration.ofDays(3), 3, Duration.ofMinutes(5), 3);

    /** @throws IllegalArgumentException on values outside their ranges */
    public DetectorSettings {
        if (t2BaselineWindows < 3 || !(t2Quantile > 0 && t2Quantile < 1) || t2K < 1 || t2N < t2K
                || !(t2Alpha >= 0 && t2Alpha <= 1) || !(t2Shrinkage >= 0 && t2Shrinkage <= 1)) {
            throw new IllegalArgumentException("detectors.fast: baselineWindows >= 3, 0 < quantile < 1, "
                    + "1 <= k <= n, alpha and shrinkage in [0, 1]");
        }
        if (zMeanHalfLife.isZero() || zVarianceHalfLife.isZero() || !(zOff <= zOn)) {
            throw new IllegalArgumentException("detectors.thermal: half-lives must be positive and off <= on");
        }
        if (stuckDuration.isNegative() || stuckDuration.isZero()) {
            throw new IllegalArgumentException("detectors.stuck: duration must be positive");
        }
        if (t2Priority < 1 || t2Priority > 4 || zPriority < 1 || zPriority > 4 || otherPriority < 1 || otherPriority > 4) {
            throw new IllegalArgumentException("detectors: priority must be 1 (highest) to 4");
        }
    }
}
