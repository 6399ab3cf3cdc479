package io.plantwatch.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * An automatic action on an alarm, interlock-style (site file, {@code interlocks.rules}): when the
 * alarm's process condition has been active for {@code hold}, the command is executed through the
 * command service, once per activation, as operator {@code auto:<name>}.
 *
 * @param name    rule name, unique; appears as operator {@code auto:<name>} in the audit trail
 * @param alarmId the alarm, {@code tag:LEVEL}, e.g. {@code P-101/motor_temperature:HIHI}
 * @param hold    how long the alarm's process condition must stay active before the rule fires (≥ 0;
 *                on top of the limit's own on-delay)
 * @param device  the command's device
 * @param command the command's name
 * @param value   the command's value as text, or null for a command without one
 * @param note    the note recorded with the command; never empty
 */
public record InterlockRule(String name, String alarmId, Duration hold, String device, String command, String value,
        String note) {

    /** @throws IllegalArgumentException when the name or alarm id is empty or the hold is negative */
    public InterlockRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an interlock rule needs a name");
        }
        if (alarmId == null || !alarmId.contains(":")) {
            throw new IllegalArgumentException("interlock " + name + ": alarm must be tag:LEVEL, e.g. P-101/motor_temperature:HIHI");
        }
        hold = hold == null ? Duration.ZERO : hold;
        if (hold.isNegative()) {
            throw new IllegalArgumentException("interlock " + name + ": 'for' must not be negative");
        }
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(command, "command");
        note = note == null || note.isBlank() ? "interlock " + name + ": " + alarmId + " active" : note;
    }

    /** The operator name the rule acts as: {@code auto:<name>}. */
    public String operator() {
        return "auto:" + name;
    }
}
