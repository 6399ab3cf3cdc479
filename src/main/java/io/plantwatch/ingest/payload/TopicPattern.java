package io.plantwatch.ingest.payload;

import io.plantwatch.domain.TagId;
import java.util.List;
import java.util.Objects;

/**
 * Where device and sensor ids sit in an MQTT topic, e.g. the default
 * {@code sensors/{device}/{sensor}}. Immutable and thread-safe.
 *
 * <p>A pattern is a list of {@code /}-separated levels. Each level is {@code {device}},
 * {@code {sensor}} (each exactly once), {@code +} (any one level, ignored), or a literal that must
 * equal the topic's level exactly (case-sensitive). A topic matches when it has exactly as many
 * levels and every literal level is equal; multi-level wildcards ({@code #}) are not supported.
 */
public final class TopicPattern {

    /** {@code sensors/{device}/{sensor}}. */
    public static final String DEFAULT = "sensors/{device}/{sensor}";

    private static final String DEVICE = "{device}";
    private static final String SENSOR = "{sensor}";

    private final String text;
    private final List<String> levels;
    private final int deviceLevel;
    private final int sensorLevel;

    private TopicPattern(String text, List<String> levels, int deviceLevel, int sensorLevel) {
        this.text = text;
        this.levels = levels;
        this.deviceLevel = deviceLevel;
        this.sensorLevel = sensorLevel;
    }

    /** The default pattern {@value #DEFAULT}. */
    public static TopicPattern defaultPattern() {
        return parse(DEFAULT);
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException when {@code {device}} or {@code {sensor}} is missing or
     *                                  repeated, a level is empty, or a literal level contains
     *                                  {@code + # { }}
     */
    public static TopicPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        List<String> levels = List.of(pattern.split("/", -1));
        int device = -1;
        int sensor = -1;
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.equals(DEVICE)) {
                if (device >= 0) {
                    throw new IllegalArgumentException("topic pattern '" + pattern + "' has {device} twice");
                }
                device = i;
            } else if (level.equals(SENSOR)) {
                if (sensor >= 0) {
                    throw new IllegalArgumentException("topic pattern '" + pattern + "' has {sensor} twice");
                }
                sensor = i;
            } else if (level.isEmpty()) {
                throw new IllegalArgumentException("topic pattern '" + pattern + "' has an empty level");
            } else if (!level.equals("+") && level.chars().anyMatch(c -> c == '+' || c == '#' || c == '{'
                    || c == '}')) {
                throw new IllegalArgumentException("topic pattern '" + pattern + "': level '" + level
                        + "' must be {device}, {sensor}, + or a literal without + # { }");
            }
        }
        if (device < 0 || sensor < 0) {
            throw new IllegalArgumentException("topic pattern '" + pattern + "' must contain {device} and {sensor}");
        }
        return new TopicPattern(pattern, levels, device, sensor);
    }

    /**
     * The device and sensor ids a topic names, both valid {@link TagId} parts, or the reason it
     * names none.
     *
     * @param topic the MQTT topic, may be null
     * @return never null
     */
    Match match(String topic) {
        String quoted = "topic '" + PayloadDecoder.clip(topic) + "'";
        if (topic == null || topic.isEmpty()) {
            return Match.failed("topic is empty; expected " + text);
        }
        String[] parts = topic.split("/", -1);
        if (parts.length != levels.size()) {
            return Match.failed(quoted + " does not match pattern " + text + " (expected " + levels.size()
                    + " levels, found " + parts.length + ")");
        }
        for (int i = 0; i < parts.length; i++) {
            String level = levels.get(i);
            if (i != deviceLevel && i != sensorLevel && !level.equals("+") && !level.equals(parts[i])) {
                return Match.failed(quoted + " does not match pattern " + text + " (level " + (i + 1) + " is '"
                        + PayloadDecoder.clip(parts[i]) + "', expected '" + level + "')");
            }
        }
        try {
            String tag = TagId.of(parts[deviceLevel], parts[sensorLevel]);
            return Match.of(TagId.device(tag), TagId.sensor(tag));
        } catch (IllegalArgumentException e) {
            return Match.failed(quoted + ": " + e.getMessage());
        }
    }

    /** The pattern text. */
    @Override
    public String toString() {
        return text;
    }

    /** Device and sensor ids, or the reason there are none. */
    record Match(String device, String sensor, String reason) {
        static Match of(String device, String sensor) {
            return new Match(device, sensor, null);
        }

        static Match failed(String reason) {
            return new Match(null, null, reason);
        }
    }
}
