package io.plantwatch.command;

/**
 * The command service refused a step (arm, execute, cancel, free-form publish); the message says why
 * in words an operator can act on, e.g. {@code P-101/valve_position: out of range: 120.0 is outside 0 to 100 %}.
 * Nothing was sent. The refusal is in the audit trail (COMMAND_REFUSED) unless the audit trail itself failed.
 */
public final class CommandRefusedException extends Exception {

    /** With the reason. */
    public CommandRefusedException(String reason) {
        super(reason);
    }

    /** With the reason and its cause (an audit or storage failure). */
    public CommandRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
