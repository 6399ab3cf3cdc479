package io.plantwatch.streaming.detect;

/**
 * Stuck (frozen, flat-line) sensor: readings keep arriving but do not change at all. A window
 * counts as flat when it holds at least 2 readings, its minimum equals its maximum, and that value
 * equals the previous flat window's. The alarm starts after {@code windows} consecutive flat windows
 * and ends with the first window that moves. Windows with fewer than 2 readings are not evidence
 * either way: a slow sampler, like NAB's 5-minute series, is never called stuck.
 *
 * <p>Default 5 minutes (ADR 0005). On the SKAB rig the longest natural run of identical readings is
 * 43 s (flow, quantised to 1 L/min), so 5 minutes is about 7 times that. Not thread-safe: one per tag.
 */
public final class StuckDetector {

    /**
     * One window's result.
     *
     * @param flatWindows consecutive flat windows so far
     * @param alarm       stuck
     */
    public record Result(int flatWindows, boolean alarm) {
    }

    private final int windows;
    private int flat;
    private double value = Double.NaN;

    /** @param windows consecutive flat windows that make a stuck sensor, ≥ 2 */
    public StuckDetector(int windows) {
        if (windows < 2) {
            throw new IllegalArgumentException("stuck detection needs at least 2 windows, was " + windows);
        }
        this.windows = windows;
    }

    /** The windows needed. */
    public int windows() {
        return windows;
    }

    /**
     * @param count readings in the window
     * @param min   their minimum
     * @param max   their maximum
     */
    public Result update(long count, double min, double max) {
        if (count < 2) {
            return new Result(flat, flat >= windows);
        }
        if (min == max && (flat == 0 || min == value)) {
            flat++;
            value = min;
        } else if (min == max) {
            flat = 1;
            value = min;
        } else {
            flat = 0;
            value = Double.NaN;
        }
        return new Result(flat, flat >= windows);
    }
}
