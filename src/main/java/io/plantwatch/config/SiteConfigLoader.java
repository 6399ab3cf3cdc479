package io.plantwatch.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.TagDefinition;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a site YAML file (format: {@code docs/configuration.md}) into a validated {@link SiteConfig}.
 *
 * <p>Every error is a {@link ConfigException} naming the file, the line and the fix; unknown keys
 * are errors, so a misspelt {@code onDelay} cannot silently disable an on-delay. Stateless and
 * thread-safe.
 */
public final class SiteConfigLoader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Loads and validates a site file.
     *
     * @throws ConfigException when the file is missing, not YAML, or violates a rule
     */
    public SiteConfig load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        SiteFile raw;
        try (Reader in = Files.newBufferedReader(abs, StandardCharsets.UTF_8)) {
            raw = yaml.readValue(in, SiteFile.class);
        } catch (NoSuchFileException e) {
            throw new ConfigException(abs, 0, "file not found", "pass --config with the path of a site YAML file", e);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(abs, line(e), "unknown key '" + e.getPropertyName() + "'",
                    "use one of " + e.getKnownPropertyIds(), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException(abs, line(e), cause.getMessage(), fixFor(cause), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(abs, line(e), e.getOriginalMessage(), "check the value's type against docs/configuration.md", e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(abs, line(e), "not valid YAML: " + e.getOriginalMessage(), "fix the YAML syntax", e);
        } catch (IOException e) {
            throw new ConfigException(abs, 0, "cannot be read: " + e.getMessage(), "check the path and permissions", e);
        }
        if (raw == null) {
            throw new ConfigException(abs, 1, "file is empty", "start from sample-data/demo-site.yaml", null);
        }
        return toConfig(abs, raw);
    }

    private static SiteConfig toConfig(Path file, SiteFile raw) {
        Set<String> seen = new HashSet<>();
        List<TagDefinition> tags = new ArrayList<>();
        for (TagEntry t : raw.tags) {
            if (!seen.add(t.definition.tag())) {
                throw new ConfigException(file, secondMention(file, t.definition.tag()),
                        "tag '" + t.definition.tag() + "' is configured twice",
                        "keep one entry per tag", null);
            }
            tags.add(t.definition);
        }
        Path recording = raw.replay.recording == null ? null : file.getParent().resolve(raw.replay.recording).normalize();
        return new SiteConfig(file, raw.site, raw.streaming.settings,
                new SiteConfig.ReplaySettings(recording, raw.replay.speed), tags);
    }

    /** Line of the second {@code tag: X} entry, for the duplicate-tag error; 0 if not found. */
    private static int secondMention(Path file, String tag) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int seen = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*-?\\s*tag:\\s*['\"]?" + java.util.regex.Pattern.quote(tag) + "['\"]?\\s*(#.*)?")
                        && ++seen == 2) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static int line(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null ? 0 : loc.getLineNr();
    }

    private static String fixFor(Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        if (m.contains("must be below")) {
            return "order the limits LOLO < LO < HI < HIHI";
        }
        if (m.contains("duration")) {
            return "write durations as 500ms, 10s, 5m or 2h";
        }
        if (m.contains("tag id") || m.contains("device id") || m.contains("sensor id")) {
            return "name tags device/sensor, e.g. P-101/flow";
        }
        return "see docs/configuration.md";
    }

    // ---- the file's shape; constructors validate so errors carry the YAML line ----

    static final class SiteFile {
        final String site;
        final StreamingEntry streaming;
        final ReplayEntry replay;
        final List<TagEntry> tags;

        @JsonCreator
        SiteFile(@JsonProperty("site") String site, @JsonProperty("streaming") StreamingEntry streaming,
                @JsonProperty("replay") ReplayEntry replay, @JsonProperty("tags") List<TagEntry> tags) {
            this.site = Objects.requireNonNullElse(site, "PlantWatch site");
            this.streaming = streaming == null ? new StreamingEntry(null, null, null, null, null) : streaming;
            this.replay = replay == null ? new ReplayEntry(null, null) : replay;
            if (tags == null || tags.isEmpty()) {
                throw new IllegalArgumentException("no tags are configured; add a 'tags:' list");
            }
            this.tags = tags;
        }
    }

    static final class StreamingEntry {
        final StreamingSettings settings;

        @JsonCreator
        StreamingEntry(@JsonProperty("window") String window, @JsonProperty("watermark") String watermark,
                @JsonProperty("trigger") String trigger, @JsonProperty("shufflePartitions") Integer partitions,
                @JsonProperty("maxReadingsPerTrigger") Long maxPerTrigger) {
            StreamingSettings d = StreamingSettings.defaults();
            this.settings = new StreamingSettings(
                    window == null ? d.window() : Durations.parse(window),
                    watermark == null ? d.watermark() : Durations.parse(watermark),
                    trigger == null ? d.trigger() : Durations.parse(trigger),
                    partitions == null ? d.shufflePartitions() : partitions,
                    maxPerTrigger == null ? d.maxReadingsPerTrigger() : maxPerTrigger);
        }
    }

    static final class ReplayEntry {
        final String recording;
        final double speed;

        @JsonCreator
        ReplayEntry(@JsonProperty("recording") String recording, @JsonProperty("speed") String speed) {
            this.recording = recording;
            this.speed = parseSpeed(speed == null ? "1" : speed);
        }
    }

    /**
     * Parses a replay speed: a factor ≥ 1 ({@code 1}, {@code 10}, {@code 20x}) or {@code max}.
     *
     * @return the factor, {@link Double#POSITIVE_INFINITY} for max
     * @throws IllegalArgumentException for anything else
     */
    public static double parseSpeed(String text) {
        String s = text.trim().toLowerCase();
        if (s.equals("max")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.endsWith("x")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            double v = Double.parseDouble(s);
            if (v >= 1 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("speed '" + text + "' must be a factor >= 1 (1, 10, 100) or max");
    }

    static final class TagEntry {
        final TagDefinition definition;

        @JsonCreator
        TagEntry(@JsonProperty(value = "tag", required = true) String tag,
                @JsonProperty("description") String description,
                @JsonProperty("unit") String unit,
                @JsonProperty(value = "range", required = true) List<Double> range,
                @JsonProperty("deadband") Double deadband,
                @JsonProperty("onDelay") String onDelay,
                @JsonProperty("limits") Map<LimitLevel, LimitEntry> limits) {
            if (range == null || range.size() != 2 || range.contains(null)) {
                throw new IllegalArgumentException("tag '" + tag + "': range must be [low, high]");
            }
            double defaultDeadband = deadband == null ? 0.0 : deadband;
            Duration defaultDelay = onDelay == null ? Duration.ZERO : Durations.parse(onDelay);
            List<LimitSpec> specs = new ArrayList<>();
            if (limits != null) {
                limits.forEach((level, l) -> specs.add(new LimitSpec(level, l.value, l.priority,
                        l.deadband == null ? defaultDeadband : l.deadband,
                        (l.onDelay == null ? defaultDelay : Durations.parse(l.onDelay)).toMillis())));
            }
            try {
                this.definition = new TagDefinition(tag, description, unit, range.get(0), range.get(1), specs);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tag '" + tag + "': " + e.getMessage()
                        .replace(tag + ": ", ""), e);
            }
        }

        @Override
        public String toString() {
            return definition.tag() + " " + definition.limits().stream().map(l -> l.level().name())
                    .collect(Collectors.joining(","));
        }
    }

    static final class LimitEntry {
        final double value;
        final int priority;
        final Double deadband;
        final String onDelay;

        @JsonCreator
        LimitEntry(@JsonProperty(value = "value", required = true) double value,
                @JsonProperty(value = "priority", required = true) int priority,
                @JsonProperty("deadband") Double deadband, @JsonProperty("onDelay") String onDelay) {
            this.value = value;
            this.priority = priority;
            this.deadband = deadband;
            this.onDelay = onDelay;
        }
    }
}
