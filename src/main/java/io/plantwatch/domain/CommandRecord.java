package io.plantwatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One executed command as it moves through its lifecycle ({@link CommandStatus}); what the command log
 * in H2 stores and what listeners receive. Immutable: each status change is a new record.
 *
 * @param id           command id (a UUID); also the MQTT 5 correlation data
 * @param device       device id
 * @param command      command name
 * @param value        the requested value in canonical text, or null for a command without one
 * @param topic        the topic it was published to
 * @param operator     who executed it; {@code auto:<rule>} for an automatic action
 * @param host         the console's host
 * @param automatic    whether an interlock rule executed it
 * @param note         the operator's note; may be empty
 * @param processValue the process value shown when it was armed (text with unit), or null
 * @param status       where it is now
 * @param reason       why it ended as it did: the device's reason for a rejection, what was read back, what
 *                     timed out; empty while in flight
 * @param armedAt      when it was armed
 * @param queuedAt     when it was executed (QUEUED)
 * @param sentAt       when the broker acknowledged the PUBLISH, or null
 * @param completedAt  when it reached a final status, or null
 */
public record CommandRecord(String id, String device, String command, String value, String topic, String operator,
        String host, boolean automatic, String note, String processValue, CommandStatus status, String reason,
        Instant armedAt, Instant queuedAt, Instant sentAt, Instant completedAt) {

    /** @throws NullPointerException when id, device, command, topic, operator, host, status or queuedAt is null */
    public CommandRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(queuedAt, "queuedAt");
        note = note == null ? "" : note;
        reason = reason == null ? "" : reason;
        armedAt = armedAt == null ? queuedAt : armedAt;
    }

    /** {@code device/command}. */
    public String key() {
        return device + "/" + command;
    }

    /** This record after the broker acknowledged the PUBLISH. */
    public CommandRecord sent(Instant at) {
        return new CommandRecord(id, device, command, value, topic, operator, host, automatic, note, processValue,
                CommandStatus.SENT, reason, armedAt, queuedAt, at, completedAt);
    }

    /**
     * This record in a final status.
     *
     * @throws IllegalArgumentException when {@code to} is not final
     */
    public CommandRecord completed(CommandStatus to, String why, Instant at) {
        if (!to.isFinal()) {
            throw new IllegalArgumentException(to + " is not a final status");
        }
        return new CommandRecord(id, device, command, value, topic, operator, host, automatic, note, processValue, to,
                why, armedAt, queuedAt, sentAt, at);
    }
}
