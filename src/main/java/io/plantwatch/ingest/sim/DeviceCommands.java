package io.plantwatch.ingest.sim;

import io.plantwatch.command.CommandMessages;
import io.plantwatch.domain.CommandCatalog;
import io.plantwatch.domain.CommandDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulated devices do with a command (docs/commands.md, "Simulated devices"): find it in the
 * catalog by its topic, check the payload against the catalog's schema as a device would, and apply it.
 * {@code shutdown} stops the device: its running-dependent sensors (those whose name contains
 * {@code flow}, {@code current} or {@code vibration}, e.g. {@code flow}, {@code motor_current},
 * {@code vibration_1}) publish 0 until {@code start}. Other accepted commands are remembered but do not
 * change the readings. Thread-safe: commands arrive on the MQTT client's threads, readings are adjusted on
 * the publishing thread.
 */
final class DeviceCommands {

    /** Sensor-name fragments whose readings fall to zero while a device is stopped. */
    static final List<String> RUNNING_DEPENDENT = List.of("flow", "current", "vibration");

    /**
     * The outcome of one command.
     *
     * @param definition the catalog entry, or null when the topic is not in the catalog
     * @param accepted   whether the device accepts it
     * @param reason     the rejection's reason; empty when accepted
     * @param value      the accepted value as text (canonical), null for none
     */
    record Outcome(CommandDefinition definition, boolean accepted, String reason, String value) {
    }

    private final CommandCatalog catalog;
    private final Map<String, Boolean> stopped = new ConcurrentHashMap<>();
    private final Map<String, String> lastValues = new ConcurrentHashMap<>();

    DeviceCommands(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    /** The catalog's devices (each answers on its command topics). */
    List<String> devices() {
        return catalog.devices();
    }

    /** Every command topic of the catalog. */
    List<String> catalogTopics() {
        return catalog.commands().stream().map(CommandDefinition::topic).toList();
    }

    /** Checks and applies a command received on {@code topic}. */
    Outcome handle(String topic, byte[] payload) {
        Optional<CommandDefinition> found = catalog.commands().stream().filter(c -> c.topic().equals(topic)).findFirst();
        if (found.isEmpty()) {
            return new Outcome(null, false, "unknown command: nothing is configured on topic " + topic, null);
        }
        CommandDefinition def = found.get();
        CommandMessages.Command c;
        try {
            c = CommandMessages.parseCommand(payload);
        } catch (IllegalArgumentException e) {
            return new Outcome(def, false, e.getMessage(), null);
        }
        if (!c.command().equals(def.name())) {
            return new Outcome(def, false, "topic " + topic + " is for " + def.name() + ", the message asks for " + c.command(),
                    null);
        }
        String invalid = CommandMessages.invalid(def.parameter(), c.value());
        if (invalid != null) {
            return new Outcome(def, false, def.name() + ": " + invalid, null);
        }
        String value = c.value() == null ? null : c.value().asText();
        switch (def.name()) {
            case "shutdown" -> stopped.put(def.device(), true);
            case "start" -> stopped.remove(def.device());
            default -> lastValues.put(def.key(), String.valueOf(value));
        }
        return new Outcome(def, true, "", value);
    }

    /** Whether the device is running (not shut down). */
    boolean running(String device) {
        return !stopped.containsKey(device);
    }

    /** The value a sensor publishes: 0 for a running-dependent sensor of a stopped device, else as recorded. */
    double adjust(String device, String sensor, double value) {
        if (stopped.isEmpty() || !stopped.containsKey(device)) {
            return value;
        }
        String s = sensor.toLowerCase(Locale.ROOT);
        return RUNNING_DEPENDENT.stream().anyMatch(s::contains) ? 0.0 : value;
    }
}
