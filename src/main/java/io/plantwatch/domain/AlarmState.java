package io.plantwatch.domain;

/**
 * Alarm states of ISA-18.2 / IEC 62682 (figure "alarm state transition diagram"), the subset
 * evaluated by the limit alarm engine.
 */
public enum AlarmState {
    /** Not active, acknowledged. */
    NORMAL,
    /** Active, not yet acknowledged. */
    UNACK,
    /** Active, acknowledged. */
    ACKED,
    /** Returned to normal before it was acknowledged. */
    RTN_UNACK;

    /** True when the process condition is active (UNACK or ACKED). */
    public boolean isActive() {
        return this == UNACK || this == ACKED;
    }

    /** True when an operator still has to acknowledge it (UNACK or RTN_UNACK). */
    public boolean needsAck() {
        return this == UNACK || this == RTN_UNACK;
    }
}
