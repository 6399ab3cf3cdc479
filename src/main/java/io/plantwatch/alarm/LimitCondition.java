package io.plantwatch.alarm;

import io.plantwatch.domain.LimitSpec;

/**
 * The process-condition half of one limit alarm: decides, reading by reading in event time,
 * when the limit becomes active (beyond the limit continuously for the on-delay) and when it
 * returns (back inside by the deadband). It knows nothing of acknowledgement; {@link AlarmEngine}
 * adds that. Off-delay (ISA-18.2 §10.4.3) mirrors on-delay: once active, the value must stay back
 * inside by the deadband for the off-delay, in event time, before the condition returns.
 *
 * <p>On-delay follows ISA-18.2 §10.4.3 ("on-delay": the condition must persist for the delay
 * before the alarm is annunciated); the delay is measured from the first reading beyond the limit
 * to the current reading, in event time, so the outcome does not depend on replay speed. A reading
 * that goes back in event time cannot complete a delay. Not thread-safe; the engine serialises calls.
 */
final class LimitCondition {

    /** Result of evaluating one reading. */
    enum Change { NONE, ACTIVATED, RETURNED }

    private final LimitSpec spec;
    private boolean active;
    private long pendingSince = Long.MIN_VALUE;
    private long returnPendingSince = Long.MIN_VALUE;

    LimitCondition(LimitSpec spec) {
        this.spec = spec;
    }

    LimitSpec spec() {
        return spec;
    }

    boolean active() {
        return active;
    }

    /** Sets the condition without evaluation (restoring persisted state after a restart). */
    void restore(boolean isActive) {
        this.active = isActive;
        this.pendingSince = Long.MIN_VALUE;
        this.returnPendingSince = Long.MIN_VALUE;
    }

    /**
     * Evaluates one reading of the tag.
     *
     * @param value           process value, engineering units
     * @param eventTimeMillis the reading's event time
     */
    Change evaluate(double value, long eventTimeMillis) {
        if (active) {
            if (!spec.returnedBy(value)) {
                returnPendingSince = Long.MIN_VALUE;
                return Change.NONE;
            }
            if (returnPendingSince == Long.MIN_VALUE) {
                returnPendingSince = eventTimeMillis;
            }
            if (eventTimeMillis - returnPendingSince >= spec.options().offDelayMillis()) {
                active = false;
                pendingSince = Long.MIN_VALUE;
                returnPendingSince = Long.MIN_VALUE;
                return Change.RETURNED;
            }
            return Change.NONE;
        }
        if (!spec.exceededBy(value)) {
            pendingSince = Long.MIN_VALUE;
            return Change.NONE;
        }
        if (pendingSince == Long.MIN_VALUE) {
            pendingSince = eventTimeMillis;
        }
        if (eventTimeMillis - pendingSince >= spec.onDelayMillis()) {
            active = true;
            pendingSince = Long.MIN_VALUE;
            return Change.ACTIVATED;
        }
        return Change.NONE;
    }
}
