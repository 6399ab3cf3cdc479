package io.plantwatch.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * One command a device accepts, from the site's command catalog (site file, {@code commands}).
 * Only catalog commands can be armed and executed.
 *
 * @param device       device id, e.g. {@code P-101}
 * @param name         command name, e.g. {@code shutdown}, {@code start}, {@code setpoint}, {@code valve_position}
 * @param description  what it does, for the confirmation dialog; may be empty
 * @param topic        MQTT topic the command is published to (QoS 1), e.g. {@code commands/P-101/shutdown}
 * @param parameter    the value it carries and its allowed values or range
 * @param role         the least role that may execute it
 * @param noteRequired whether the operator must write a note (kept in the audit trail)
 * @param timeout      how long the console waits for the device's confirmation before TIMED_OUT
 * @param expiry       MQTT 5 message expiry of the PUBLISH: the broker discards it undelivered after this
 * @param confirmation how the device confirms it
 * @param processTag   the tag whose current value the confirmation dialog shows ({@code device/sensor}),
 *                     or null
 */
public record CommandDefinition(String device, String name, String description, String topic,
        CommandParameter parameter, Role role, boolean noteRequired, Duration timeout, Duration expiry,
        Confirmation confirmation, String processTag) {

    /** Topic used when the catalog names none: {@code commands/{device}/{command}}. */
    public static final String DEFAULT_TOPIC = "commands/{device}/{command}";
    /** Confirmation timeout when the catalog names none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How a device confirms a command.
     *
     * @param kind       MQTT 5 response, or read-back of a state topic (MQTT 3.1.1 devices)
     * @param stateTopic READ_BACK: the topic the device publishes its state on; null for RESPONSE
     * @param expect     READ_BACK: the state value that confirms the command; {@code {value}} stands for the
     *                   requested value; null for RESPONSE
     */
    public record Confirmation(Kind kind, String stateTopic, String expect) {

        /** The two ways of confirming. */
        public enum Kind {
            /** MQTT 5: the device answers on the console's response topic with the correlation data. */
            RESPONSE,
            /** MQTT 3.1.1: the device publishes its state; the expected value confirms. */
            READ_BACK
        }

        /** MQTT 5 request/response. */
        public static final Confirmation RESPONSE = new Confirmation(Kind.RESPONSE, null, null);

        /** @throws IllegalArgumentException when a read-back lacks its topic or expected value, or the topic has wildcards */
        public Confirmation {
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.READ_BACK) {
                if (stateTopic == null || stateTopic.isBlank()) {
                    throw new IllegalArgumentException("readBack needs the state topic");
                }
                if (stateTopic.contains("+") || stateTopic.contains("#")) {
                    throw new IllegalArgumentException("readBack topic '" + stateTopic + "' must not contain wildcards");
                }
                if (expect == null || expect.isBlank()) {
                    throw new IllegalArgumentException("readBack needs the expected value ('expect')");
                }
            }
        }

        /** A read-back of {@code stateTopic} expecting {@code expect}. */
        public static Confirmation readBack(String stateTopic, String expect) {
            return new Confirmation(Kind.READ_BACK, stateTopic, expect);
        }

        /** The expected state for a requested value ({@code {value}} replaced); null for RESPONSE. */
        public String expected(String value) {
            return expect == null ? null : expect.replace("{value}", value == null ? "" : value);
        }
    }

    /**
     * @throws IllegalArgumentException when the device or name is not a valid id, the topic is empty or has
     *                                  wildcards, or a duration is not positive
     */
    public CommandDefinition {
        requireId(device, "device id");
        requireId(name, "command name");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(confirmation, "confirmation");
        description = description == null ? "" : description;
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("command " + device + "/" + name + ": topic must not be empty");
        }
        if (topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("command " + device + "/" + name + ": topic '" + topic
                    + "' must not contain wildcards");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("command " + device + "/" + name + ": timeout must be positive");
        }
        expiry = expiry == null ? timeout : expiry;
        if (expiry.isZero() || expiry.isNegative()) {
            throw new IllegalArgumentException("command " + device + "/" + name + ": expiry must be positive");
        }
        if (processTag != null && !processTag.isBlank()) {
            TagId.requireValid(processTag);
        } else {
            processTag = null;
        }
    }

    private static void requireId(String s, String what) {
        if (s == null || !s.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(what + " '" + s + "' must be 1-64 characters of letters, digits, '-', '_' or '.'");
        }
    }

    /** The topic for a device and command from a pattern with {@code {device}} and {@code {command}}. */
    public static String topic(String pattern, String device, String command) {
        return pattern.replace("{device}", device).replace("{command}", command);
    }

    /** {@code device/name}, the key of the catalog and of the audit trail's target. */
    public String key() {
        return device + "/" + name;
    }
}
