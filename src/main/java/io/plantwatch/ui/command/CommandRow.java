package io.plantwatch.ui.command;

import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.CommandStatus;
import java.time.Instant;

/**
 * One line of the commands list: a command as of its latest status.
 *
 * @param id        command id (UUID)
 * @param time      when it reached this status (completed, sent or queued), UTC
 * @param device    device id
 * @param command   command name
 * @param value     requested value in canonical text, empty for none
 * @param operator  who executed it; {@code auto:<rule>} for an interlock
 * @param automatic whether an interlock rule executed it (shown as AUTO)
 * @param status    lifecycle status
 * @param reason    the device's reason, the read-back, the timeout; empty while in flight
 * @param queuedAt  when it was executed (the list's order, newest first)
 */
public record CommandRow(String id, Instant time, String device, String command, String value, String operator,
        boolean automatic, CommandStatus status, String reason, Instant queuedAt) {

    /** Times in the list and the interlock line: UTC to the second, like the alarm table. */
    public static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    /** The row for a record. */
    public static CommandRow of(CommandRecord r) {
        Instant t = r.completedAt() != null ? r.completedAt() : r.sentAt() != null ? r.sentAt() : r.queuedAt();
        return new CommandRow(r.id(), t, r.device(), r.command(), r.value() == null ? "" : r.value(), r.operator(),
                r.automatic(), r.status(), r.reason(), r.queuedAt());
    }

    /** True for REJECTED and TIMED_OUT: the abnormal outcomes, the only statuses shown in colour. */
    public boolean failed() {
        return status == CommandStatus.REJECTED || status == CommandStatus.TIMED_OUT;
    }
}
