package io.plantwatch.command;

import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A command selected and checked, waiting for the operator's confirmation (select-before-operate):
 * what the confirmation dialog shows. Execute it with {@link CommandService#execute} and its token,
 * by the same operator, before {@link #expiresAt()}. Immutable.
 *
 * @param token          one-time token for execute or cancel
 * @param definition     the catalog entry: device, command, topic, parameter, role, timeout
 * @param value          the requested value in canonical text ({@code 42.5}, {@code true}, {@code auto}), null for none
 * @param note           the operator's note; may be empty
 * @param operator       who armed it
 * @param host           the console's host
 * @param armedAt        when it was armed
 * @param expiresAt      after this, execute is refused and the arm lapses (COMMAND_ARM_EXPIRED)
 * @param processValue   the latest reading of the command's process tag, or null (no tag configured or no reading yet)
 * @param standingAlarms the device's alarms that are not NORMAL, most urgent first
 */
public record ArmedCommand(String token, CommandDefinition definition, String value, String note, String operator,
        String host, Instant armedAt, Instant expiresAt, Reading processValue, List<AlarmTransition> standingAlarms) {

    public ArmedCommand {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(definition, "definition");
        note = note == null ? "" : note;
        standingAlarms = List.copyOf(standingAlarms);
    }

    /** The process value as text with its unit, e.g. {@code 32.1 L/min}, or null when there is none. */
    public String processValueText() {
        return text(processValue);
    }

    static String text(Reading r) {
        return r == null ? null : r.value() + (r.unit() == null || r.unit().isEmpty() ? "" : " " + r.unit());
    }

    /** {@code device/command}. */
    public String key() {
        return definition.key();
    }
}
