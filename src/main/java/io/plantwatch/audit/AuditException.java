package io.plantwatch.audit;

/** The audit trail could not store or read a row (reason in the message). */
public class AuditException extends RuntimeException {

    /** With a reason and its cause. */
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a reason. */
    public AuditException(String message) {
        super(message);
    }
}
