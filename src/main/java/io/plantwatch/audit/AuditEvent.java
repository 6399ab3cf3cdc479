package io.plantwatch.audit;

import io.plantwatch.domain.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the audit trail, before it is stored (the store adds the sequence number and the hash
 * chain).
 *
 * @param time      when it happened (wall clock, UTC)
 * @param operator  who did it; for an automatic action, the rule's name prefixed {@code auto:}
 * @param host      the console's host
 * @param action    what was done
 * @param target    what it was done to: an alarm id, {@code device/command}, a file; may be empty
 * @param oldValue  the value before (the process value before a command, the old setting); may be null
 * @param newValue  the value requested or set; may be null
 * @param result    the outcome: {@code OK}, or what refused or failed it, with the reason
 * @param automatic whether an automatic action rule did it, not a person
 */
public record AuditEvent(Instant time, String operator, String host, AuditAction action, String target, String oldValue,
        String newValue, String result, boolean automatic) {

    /** @throws NullPointerException when time, operator, host, action or result is null */
    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        target = target == null ? "" : target;
    }

    /** A person's action, now. */
    public static AuditEvent of(Principal who, AuditAction action, String target, String oldValue, String newValue,
            String result) {
        return new AuditEvent(Instant.now(), who.operator(), who.host(), action, target, oldValue, newValue, result, false);
    }
}
