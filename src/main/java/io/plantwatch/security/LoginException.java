package io.plantwatch.security;

/**
 * A login or unlock was refused; the message is for the operator and does not tell whether an
 * unknown name or a wrong password was the cause.
 */
public final class LoginException extends Exception {

    /** Why a login was refused. */
    public enum Reason {
        /** Unknown operator or wrong password (deliberately not told apart). */
        BAD_CREDENTIALS,
        /** The account is disabled. */
        DISABLED,
        /** Too many wrong passwords: no login until the lockout ends. */
        LOCKED_OUT
    }

    private final Reason reason;

    /** With the reason and the operator's message. */
    public LoginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the login was refused. */
    public Reason reason() {
        return reason;
    }
}
