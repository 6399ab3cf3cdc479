package io.plantwatch.alarm;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditException;
import io.plantwatch.audit.AuditTrail;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.security.NotPermittedException;
import java.time.Duration;
import java.util.Objects;

/**
 * The operator's alarm actions (acknowledge, shelve, unshelve, remove from / return to service,
 * reset) for a {@link Principal}: the role is checked here, in the service, and every attempt is a
 * row in the audit trail with the alarm's state before and after.
 *
 * <ul>
 *   <li>Every action needs {@link Role#OPERATOR}; a viewer (or nobody logged in) is refused with
 *       {@link NotPermittedException}, audited with result {@code REFUSED: …}.</li>
 *   <li>An action the alarm model refuses (e.g. acknowledging a NORMAL alarm) is audited with result
 *       {@code REFUSED: <reason>} and its {@link AlarmActionException} rethrown.</li>
 *   <li>A carried-out action is audited with old state → new state and result {@code OK}, plus the
 *       operator's note or reason. The alarm journal has the transition already (the engine writes
 *       it before it changes the alarm); if the audit row then cannot be stored, the
 *       {@link AuditException} reaches the caller, who tells the operator.</li>
 * </ul>
 *
 * Blocking (database); thread-safe (the engine serialises actions).
 */
public final class AlarmHandling {

    /** The role every alarm action needs. */
    public static final Role REQUIRED = Role.OPERATOR;

    private final AlarmEngine engine;
    private final AuditTrail audit;

    /** Alarm actions on an engine, recorded in an audit trail. */
    public AlarmHandling(AlarmEngine engine, AuditTrail audit) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** An engine call that returns the transition it made. */
    @FunctionalInterface
    private interface EngineAction {
        AlarmTransition run(String operator) throws AlarmActionException;
    }

    /**
     * Acknowledges an alarm ({@link AlarmEngine#acknowledge}).
     *
     * @throws NotPermittedException when {@code who} is not an operator or engineer
     * @throws AlarmActionException  when the alarm model refuses it (reason in the message)
     * @throws AuditException        when the audit row cannot be stored
     */
    public AlarmTransition acknowledge(Principal who, String alarmId, String note) throws AlarmActionException {
        return act(who, AuditAction.ALARM_ACKNOWLEDGE, "acknowledge alarms", alarmId, note,
                op -> engine.acknowledge(alarmId, op, note));
    }

    /** Shelves an alarm ({@link AlarmEngine#shelve}); errors as {@link #acknowledge}. */
    public AlarmTransition shelve(Principal who, String alarmId, Duration duration, String reason)
            throws AlarmActionException {
        return act(who, AuditAction.ALARM_SHELVE, "shelve alarms", alarmId,
                (duration == null ? "" : "for " + duration + "; ") + (reason == null ? "" : reason),
                op -> engine.shelve(alarmId, op, duration, reason));
    }

    /** Ends shelving ({@link AlarmEngine#unshelve}); errors as {@link #acknowledge}. */
    public AlarmTransition unshelve(Principal who, String alarmId) throws AlarmActionException {
        return act(who, AuditAction.ALARM_UNSHELVE, "unshelve alarms", alarmId, "", op -> engine.unshelve(alarmId, op));
    }

    /** Removes an alarm from service ({@link AlarmEngine#removeFromService}); errors as {@link #acknowledge}. */
    public AlarmTransition removeFromService(Principal who, String alarmId, String reason) throws AlarmActionException {
        return act(who, AuditAction.ALARM_REMOVE_FROM_SERVICE, "remove alarms from service", alarmId, reason,
                op -> engine.removeFromService(alarmId, op, reason));
    }

    /** Returns an alarm to service ({@link AlarmEngine#returnToService}); errors as {@link #acknowledge}. */
    public AlarmTransition returnToService(Principal who, String alarmId) throws AlarmActionException {
        return act(who, AuditAction.ALARM_RETURN_TO_SERVICE, "return alarms to service", alarmId, "",
                op -> engine.returnToService(alarmId, op));
    }

    /** Resets a latched alarm ({@link AlarmEngine#reset}); errors as {@link #acknowledge}. */
    public AlarmTransition reset(Principal who, String alarmId) throws AlarmActionException {
        return act(who, AuditAction.ALARM_RESET, "reset alarms", alarmId, "", op -> engine.reset(alarmId, op));
    }

    private AlarmTransition act(Principal who, AuditAction action, String what, String alarmId, String note,
            EngineAction run) throws AlarmActionException {
        Objects.requireNonNull(who, "who");
        AlarmState before = engine.state(alarmId);
        if (!who.may(REQUIRED)) {
            record(who, action, alarmId, before, null, "REFUSED: " + NotPermittedException.message(who, what, REQUIRED));
            throw new NotPermittedException(who, what, REQUIRED);
        }
        AlarmTransition t;
        try {
            t = run.run(who.operator());
        } catch (AlarmActionException e) {
            record(who, action, alarmId, before, null, "REFUSED: " + e.getMessage());
            throw e;
        }
        String newState = t.to().name() + (t.flags().shelvedUntil() != null ? " until " + t.flags().shelvedUntil() : "");
        record(who, action, alarmId, t.from(), newState,
                note == null || note.isBlank() ? "OK" : "OK; " + note.strip());
        return t;
    }

    private void record(Principal who, AuditAction action, String alarmId, AlarmState before, String after, String result) {
        audit.append(AuditEvent.of(who, action, alarmId, before == null ? null : before.name(), after, result));
    }
}
