package io.plantwatch.streaming.detect;

/**
 * Rate of change between consecutive window averages, against an engineering limit configured per
 * tag ({@code maxRate}, engineering units per second), the rate-of-change alarm of ISA-18.2 §10.4.
 * The alarm starts when two consecutive window-to-window rates exceed the limit, and ends with the
 * first rate within it. Gaps count: the rate divides by the time between the windows' middles. Not
 * thread-safe: one per tag.
 */
public final class RateOfChangeDetector {

    /**
     * One window's result.
     *
     * @param rate  |Δ average| / Δt, engineering units per second (NaN for the first window)
     * @param alarm two consecutive rates above the limit
     */
    public record Result(double rate, boolean alarm) {
    }

    private final double maxRatePerSecond;
    private double lastAverage = Double.NaN;
    private double lastMiddleSeconds;
    private int above;

    /** @param maxRatePerSecond the limit, engineering units per second, &gt; 0 */
    public RateOfChangeDetector(double maxRatePerSecond) {
        if (!(maxRatePerSecond > 0)) {
            throw new IllegalArgumentException("maxRate must be > 0, was " + maxRatePerSecond);
        }
        this.maxRatePerSecond = maxRatePerSecond;
    }

    /**
     * @param middleSeconds the window's middle, event time in seconds
     * @param average       the window's average
     */
    public Result update(double middleSeconds, double average) {
        double rate = Double.NaN;
        if (!Double.isNaN(lastAverage) && middleSeconds > lastMiddleSeconds) {
            rate = Math.abs(average - lastAverage) / (middleSeconds - lastMiddleSeconds);
            above = rate > maxRatePerSecond ? above + 1 : 0;
        }
        lastAverage = average;
        lastMiddleSeconds = middleSeconds;
        return new Result(rate, above >= 2);
    }
}
