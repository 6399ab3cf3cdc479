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
 * @param flags          the alarm's full state after the transition, so that it can be restored exactly
 */
public record AlarmTransition(String alarmId, String tag, LimitLevel level, int priority, Cause cause,
        AlarmState from, AlarmState to, long eventTimeMillis, Instant wallTime, double value, double limit,
        String actor, String comment, Flags flags) {

    /**
     * What an alarm's displayed state does not show on its own.
     *
     * @param processActive  the process condition is beyond the limit (after on/off-delay)
     * @param latched        a latching alarm whose process returned waits for a reset
     * @param shelvedUntil   wall-clock end of shelving, or null when not shelved
     * @param suppressed     suppressed by design
     * @param outOfService   removed from service
     */
    public record Flags(boolean processActive, boolean latched, Instant shelvedUntil, boolean suppressed,
            boolean outOfService) {

        /** The flags implied by an annunciation state alone (nothing hidden, not latched). */
        public static Flags of(AlarmState state) {
            return new Flags(state.isActive(), false, null, state == AlarmState.SUPPRESSED,
                    state == AlarmState.OUT_OF_SERVICE);
        }
    }

    /** A transition whose flags follow from its {@code to} state ({@link Flags#of}). */
    public AlarmTransition(String alarmId, String tag, LimitLevel level, int priority, Cause cause, AlarmState from,
            AlarmState to, long eventTimeMillis, Instant wallTime, double value, double limit, String actor,
            String comment) {
        this(alarmId, tag, level, priority, cause, from, to, eventTimeMillis, wallTime, value, limit, actor, comment,
                Flags.of(to));
    }

    /** What caused a transition. */
    public enum Cause {
        /** The process value went beyond the limit (after on-delay). */
        ACTIVATE,
        /** The process value came back inside the limit by the deadband. */
        RETURN,
        /** An operator acknowledged the alarm. */
        ACKNOWLEDGE,
        /** An operator shelved the alarm until a time. */
        SHELVE,
        /** An operator unshelved it, or its shelving time ran out. */
        UNSHELVE,
        /** A suppress-by-design condition began. */
        SUPPRESS,
        /** The suppress-by-design condition ended. */
        UNSUPPRESS,
        /** An operator removed it from service. */
        REMOVE_FROM_SERVICE,
        /** An operator returned it to service. */
        RETURN_TO_SERVICE,
        /** An operator reset a latched alarm after the process returned. */
        RESET
    }

    public AlarmTransition {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(wallTime, "wallTime");
        actor = Objects.requireNonNullElse(actor, "system");
        comment = Objects.requireNonNullElse(comment, "");
        flags = Objects.requireNonNullElse(flags, Flags.of(to));
    }

    /** The alarm id of a tag's limit. */
    public static String alarmId(String tag, LimitLevel level) {
        return tag + ":" + level;
    }
}
