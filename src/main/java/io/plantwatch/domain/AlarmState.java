package io.plantwatch.domain;

/**
 * Alarm states of ANSI/ISA-18.2-2016 §11.5 / IEC 62682 ("alarm state transition diagram"): the
 * four annunciation states, and the three states in which an alarm is not annunciated although
 * its process condition is still evaluated.
 */
public enum AlarmState {
    /** Not active, acknowledged. */
    NORMAL,
    /** Active, not yet acknowledged. */
    UNACK,
    /** Active, acknowledged. */
    ACKED,
    /** Returned to normal before it was acknowledged. */
    RTN_UNACK,
    /** Temporarily removed from annunciation by an operator, until a time (ISA-18.2 "shelved"). */
    SHELVED,
    /** Not annunciated by design while a plant condition holds, e.g. the unit is stopped ("suppressed by design"). */
    SUPPRESSED,
    /** Removed from service for maintenance ("out of service"); returns only by an explicit action. */
    OUT_OF_SERVICE;

    /** True when the process condition is active (UNACK or ACKED). */
    public boolean isActive() {
        return this == UNACK || this == ACKED;
    }

    /** True for SHELVED, SUPPRESSED and OUT_OF_SERVICE: the alarm is not annunciated. */
    public boolean isHidden() {
        return this == SHELVED || this == SUPPRESSED || this == OUT_OF_SERVICE;
    }

    /** True when an operator still has to acknowledge it (UNACK or RTN_UNACK). */
    public boolean needsAck() {
        return this == UNACK || this == RTN_UNACK;
    }
}
