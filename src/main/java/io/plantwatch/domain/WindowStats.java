package io.plantwatch.domain;

/**
 * Statistics of one tag over one tumbling event-time window {@code [windowStartMillis, windowEndMillis)}.
 *
 * @param tag               {@code device/sensor}
 * @param windowStartMillis inclusive start, epoch ms
 * @param windowEndMillis   exclusive end, epoch ms
 * @param count             readings in the window, ≥ 1
 * @param avg               arithmetic mean, engineering units
 * @param min               minimum
 * @param max               maximum
 * @param stddev            sample standard deviation (n − 1); NaN when count is 1
 */
public record WindowStats(String tag, long windowStartMillis, long windowEndMillis, long count, double avg,
        double min, double max, double stddev) {
}
