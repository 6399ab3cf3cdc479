package io.plantwatch.evaluation;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One NAB anomaly window: the rows whose naive timestamp lies in {@code [start, end]}, both ends
 * inclusive (NAB v1.1 {@code labels/combined_windows.json}).
 *
 * @param start first timestamp of the window, naive local clock time
 * @param end   last timestamp of the window, naive local clock time, not before {@code start}
 */
public record NabWindow(LocalDateTime start, LocalDateTime end) {

    /** @throws IllegalArgumentException when {@code end} is before {@code start}; NPE on null */
    public NabWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end " + end + " is before its start " + start);
        }
    }

    /** True when {@code t} lies in {@code [start, end]}. */
    public boolean contains(LocalDateTime t) {
        return !t.isBefore(start) && !t.isAfter(end);
    }
}
