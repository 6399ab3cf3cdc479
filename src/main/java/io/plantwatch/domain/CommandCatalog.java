package io.plantwatch.domain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's command catalog: every command the console may send, per device, and how long an armed
 * command stays executable. Immutable.
 *
 * @param armTimeout how long after arming an operator may execute (select-before-operate); default 30 s
 * @param commands   the commands, in file order, at most one per {@code device/name}
 */
public record CommandCatalog(Duration armTimeout, List<CommandDefinition> commands) {

    /** Arm timeout when the site names none. */
    public static final Duration DEFAULT_ARM_TIMEOUT = Duration.ofSeconds(30);

    /** No commands: nothing can be sent. */
    public static final CommandCatalog EMPTY = new CommandCatalog(DEFAULT_ARM_TIMEOUT, List.of());

    /** @throws IllegalArgumentException when the arm timeout is not positive or a command appears twice */
    public CommandCatalog {
        armTimeout = armTimeout == null ? DEFAULT_ARM_TIMEOUT : armTimeout;
        if (armTimeout.isZero() || armTimeout.isNegative()) {
            throw new IllegalArgumentException("armTimeout must be positive");
        }
        commands = List.copyOf(commands);
        Map<String, CommandDefinition> seen = new LinkedHashMap<>();
        for (CommandDefinition c : commands) {
            if (seen.put(c.key(), c) != null) {
                throw new IllegalArgumentException("command " + c.key() + " is defined twice");
            }
        }
    }

    /** The command {@code name} of {@code device}, if the catalog has it. */
    public Optional<CommandDefinition> find(String device, String name) {
        return commands.stream().filter(c -> c.device().equals(device) && c.name().equals(name)).findFirst();
    }

    /** The commands of one device, in file order. */
    public List<CommandDefinition> forDevice(String device) {
        return commands.stream().filter(c -> c.device().equals(device)).toList();
    }

    /** The devices that accept commands, in file order. */
    public List<String> devices() {
        return commands.stream().map(CommandDefinition::device).distinct().toList();
    }

    /** True when no command is configured. */
    public boolean isEmpty() {
        return commands.isEmpty();
    }
}
