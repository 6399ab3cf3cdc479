package io.plantwatch.domain;

import java.util.Objects;

/**
 * One configured limit alarm of a tag.
 *
 * <p>A high limit becomes active when the value is above {@code value} continuously for
 * {@code onDelayMillis} of event time and returns to normal when it falls to
 * {@code value - deadband} or below; a low limit mirrors that. Deadband and on-delay are the
 * chattering countermeasures of ISA-18.2 §10.4 / EEMUA 191 §A8.
 *
 * @param level         HI, HIHI, LO or LOLO
 * @param value         the limit in the tag's engineering unit
 * @param priority      1 (most urgent) to 4
 * @param deadband      hysteresis in engineering units, ≥ 0
 * @param onDelayMillis time the condition must hold before the alarm activates, ms of event time, ≥ 0
 * @param options       off-delay, latching, acknowledgement and shelving rules, rationale
 */
public record LimitSpec(LimitLevel level, double value, int priority, double deadband, long onDelayMillis,
        AlarmOptions options) {

    /** A limit with {@link AlarmOptions#DEFAULTS}. */
    public LimitSpec(LimitLevel level, double value, int priority, double deadband, long onDelayMillis) {
        this(level, value, priority, deadband, onDelayMillis, AlarmOptions.DEFAULTS);
    }

    /** @throws IllegalArgumentException on a non-finite limit, negative deadband or delay, or priority outside 1–4 */
    public LimitSpec {
        Objects.requireNonNull(level, "level");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(level + " limit must be a finite number");
        }
        if (priority < 1 || priority > 4) {
            throw new IllegalArgumentException(level + " priority must be 1 (highest) to 4, was " + priority);
        }
        if (!(deadband >= 0)) {
            throw new IllegalArgumentException(level + " deadband must be >= 0, was " + deadband);
        }
        if (onDelayMillis < 0) {
            throw new IllegalArgumentException(level + " on-delay must be >= 0, was " + onDelayMillis + " ms");
        }
        options = Objects.requireNonNullElse(options, AlarmOptions.DEFAULTS);
    }

    /** True when {@code v} is beyond the limit (above a high limit, below a low limit). */
    public boolean exceededBy(double v) {
        return level.isHigh() ? v > value : v < value;
    }

    /** True when {@code v} has come back inside the limit by at least the deadband. */
    public boolean returnedBy(double v) {
        return level.isHigh() ? v <= value - deadband : v >= value + deadband;
    }
}
