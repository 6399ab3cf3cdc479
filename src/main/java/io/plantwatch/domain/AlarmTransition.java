package io.plantwatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of an alarm's state, as written to the alarm journal.
 *
 * @param alarmId        {@code tag:LEVEL}, e.g. {@code P-101/flow:LO}
 * @param tag            the tag
 * @param level          the limit
 * @param priority       1–4
 * @param cause          what made the transition
 * @param from           state before
 * @param to             state after
 * @param eventTimeMillis event time of the reading (or, for an acknowledgement, of the tag's latest reading), epoch ms
 * @param wallTime       when the console recorded it
 * @param value          process value at the transition, engineering units (NaN when not applicable)
 * @param limit          the limit value, engineering units
 * @param actor          {@code system} or the operator's name
 * @param comment        operator's note, may be empty
 */
public record AlarmTransition(String alarmId, String tag, LimitLevel level, int priority, Cause cause,
        AlarmState from, AlarmState to, long eventTimeMillis, Instant wallTime, double value, double limit,
        String actor, String comment) {

    /** What caused a transition. */
    public enum Cause {
        /** The process value went beyond the limit (after on-delay). */
        ACTIVATE,
        /** The process value came back inside the limit by the deadband. */
        RETURN,
        /** An operator acknowledged the alarm. */
        ACKNOWLEDGE
    }

    public AlarmTransition {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(wallTime, "wallTime");
        actor = Objects.requireNonNullElse(actor, "system");
        comment = Objects.requireNonNullElse(comment, "");
    }

    /** The alarm id of a tag's limit. */
    public static String alarmId(String tag, LimitLevel level) {
        return tag + ":" + level;
    }
}
