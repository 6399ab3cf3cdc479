package io.plantwatch.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plantwatch.domain.AlarmOptions;
import io.plantwatch.domain.CommandCatalog;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandParameter;
import io.plantwatch.domain.InterlockRule;
import io.plantwatch.domain.InterlockSettings;
import io.plantwatch.domain.Role;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.SuppressionRule;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.domain.TagId;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a site YAML file (format: {@code docs/configuration.md}) into a validated {@link SiteConfig}.
 *
 * <p>Every error is a {@link ConfigException} naming the file, the line and the fix; unknown keys
 * are errors, so a misspelt {@code onDelay} cannot silently disable an on-delay. Stateless and
 * thread-safe.
 */
public final class SiteConfigLoader {

    /** Injected into entries that resolve relative paths (keystores, truststores): the site file's folder. */
    private static final String BASE_DIR = "plantwatch.baseDir";

    private final ObjectMapper yaml = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)   // class: fast
            .build();

    /**
     * Loads and validates a site file.
     *
     * @throws ConfigException when the file is missing, not YAML, or violates a rule
     */
    public SiteConfig load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        SiteFile raw;
        try (Reader in = Files.newBufferedReader(abs, StandardCharsets.UTF_8)) {
            raw = yaml.readerFor(SiteFile.class)
                    .with(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue(BASE_DIR, abs.getParent()))
                    .readValue(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException(abs, 0, "file not found", "pass --config with the path of a site YAML file", e);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(abs, line(abs, e, List.of()), "unknown key '" + e.getPropertyName() + "'",
                    "use one of " + e.getKnownPropertyIds(), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            List<String> key = cause instanceof KeyException k ? k.key : List.of();
            throw new ConfigException(abs, line(abs, e, key), cause.getMessage(), fixFor(cause), e);
        } catch (JsonMappingException e) {
            if (syntaxError(e) != null) {
                throw syntaxError(abs, e);
            }
            throw new ConfigException(abs, line(e), e.getOriginalMessage(), "check the value's type against docs/configuration.md", e);
        } catch (JsonProcessingException e) {
            if (syntaxError(e) != null) {
                throw syntaxError(abs, e);
            }
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
        for (TagDefinition t : tags) {
            if (t.suppressWhen() != null && !seen.contains(t.suppressWhen().tag())) {
                throw new ConfigException(file, mention(file, "tag", t.tag(), 1),
                        "tag '" + t.tag() + "': suppressWhen refers to tag '" + t.suppressWhen().tag() + "', which is not configured",
                        "configure that tag or correct the name in suppressWhen", null);
            }
        }
        Path recording = raw.replay.recording == null ? null : file.getParent().resolve(raw.replay.recording).normalize();
        CommandCatalog catalog = raw.commands.catalog;
        for (CommandDefinition c : catalog.commands()) {
            if (c.processTag() != null && !seen.contains(c.processTag())) {
                throw new ConfigException(file, mention(file, "processTag", c.processTag(), 1),
                        "command " + c.key() + ": processTag '" + c.processTag() + "' is not a configured tag",
                        "configure that tag under 'tags:' or correct the name", null);
            }
        }
        InterlockSettings interlocks = interlocks(file, raw.interlocks, tags, catalog);
        return new SiteConfig(file, raw.site, raw.streaming.settings,
                new SiteConfig.ReplaySettings(recording, raw.replay.speed), tags, raw.alarms.settings,
                raw.detectors.settings, raw.connections.connections, raw.journal.settings, catalog, interlocks,
                raw.security.policy);
    }

    /** Checks each rule's alarm against the tags and its command and value against the catalog. */
    private static InterlockSettings interlocks(Path file, InterlocksEntry raw, List<TagDefinition> tags,
            CommandCatalog catalog) {
        for (InterlockRule r : raw.settings.rules()) {
            int line = mention(file, "name", r.name(), 1);
            String tag = r.alarmId().substring(0, r.alarmId().lastIndexOf(':'));
            String level = r.alarmId().substring(r.alarmId().lastIndexOf(':') + 1);
            TagDefinition t = tags.stream().filter(d -> d.tag().equals(tag)).findFirst().orElse(null);
            if (t == null || t.limits().stream().noneMatch(l -> l.level().name().equals(level))) {
                throw new ConfigException(file, Math.max(line, mention(file, "alarm", r.alarmId(), 1)),
                        "interlock '" + r.name() + "': alarm '" + r.alarmId() + "' is not configured"
                                + (t == null ? " (no tag '" + tag + "')" : " (tag '" + tag + "' has no " + level + " limit)"),
                        "name a configured tag and one of its limits, e.g. P-101/motor_temperature:HIHI", null);
            }
            CommandDefinition c = catalog.find(r.device(), r.command()).orElse(null);
            if (c == null) {
                throw new ConfigException(file, Math.max(line, mention(file, "command", r.device() + "/" + r.command(), 1)),
                        "interlock '" + r.name() + "': command '" + r.device() + "/" + r.command()
                                + "' is not in the command catalog",
                        "add it under 'commands:' or correct the name (device/command)", null);
            }
            try {
                c.parameter().check(r.value());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, line, "interlock '" + r.name() + "': value for " + c.key() + " "
                        + e.getMessage(), "give a value that is " + c.parameter().describe(), e);
            }
        }
        return raw.settings;
    }

    /** Line of the second {@code tag: X} entry, for the duplicate-tag error; 0 if not found. */
    private static int secondMention(Path file, String tag) {
        return mention(file, "tag", tag, 2);
    }

    /** Line of the n-th {@code key: value} line (n from 1); 0 if not found. */
    private static int mention(Path file, String key, String value, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int seen = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*-?\\s*" + key + ":\\s*['\"]?" + java.util.regex.Pattern.quote(value)
                        + "['\"]?\\s*(#.*)?") && ++seen == n) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** The YAML syntax error behind an exception (databind may wrap it), or null. */
    private static MarkedYAMLException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    /** Reported at SnakeYAML's problem mark: Jackson's location is the enclosing block's start. */
    private static ConfigException syntaxError(Path file, JsonProcessingException e) {
        MarkedYAMLException m = syntaxError(e);
        int line = m.getProblemMark() == null ? line(e) : m.getProblemMark().getLine() + 1;
        return new ConfigException(file, line, "not valid YAML: " + (m.getProblem() == null ? m.getMessage() : m.getProblem()),
                "fix the YAML syntax", e);
    }

    private static int line(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null ? 0 : loc.getLineNr();
    }

    /**
     * Line of the key a mapping error is about. Jackson reports where the parser stood, which for a
     * value checked in a constructor is the end of the entry (often the next entry's line), so the
     * key is looked up by its path instead: the exception's path plus {@code key} (relative to the
     * entry being built). Falls back to shorter paths, then to Jackson's location.
     */
    private int line(Path file, JsonMappingException e, List<String> key) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            path.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
        }
        path.addAll(key);
        for (int n = path.size(); n > 0; n--) {
            JsonPointer target = JsonPointer.empty();
            for (Object segment : path.subList(0, n)) {
                target = segment instanceof Integer i ? target.appendIndex(i) : target.appendProperty((String) segment);
            }
            int line = lineOf(file, target.toString());
            if (line > 0) {
                return line;
            }
        }
        return line(e);
    }

    /** Line of the first token at or below a JSON pointer in the YAML file; 0 if there is none. */
    private int lineOf(Path file, String pointer) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonParser p = yaml.getFactory().createParser(in)) {
            while (p.nextToken() != null) {
                String at = p.getParsingContext().pathAsPointer().toString();
                if (at.equals(pointer) || at.startsWith(pointer + "/")) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** A value a constructor below refuses, with the key it is under (relative to the entry being built). */
    static final class KeyException extends IllegalArgumentException {
        final List<String> key;

        KeyException(String message, Throwable cause, String... key) {
            super(message, cause);
            this.key = List.of(key);
        }

        /** Runs a check, attaching the key to its IllegalArgumentException. */
        static <T> T at(Supplier<T> check, String... key) {
            try {
                return check.get();
            } catch (KeyException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new KeyException(e.getMessage(), e, key);
            }
        }
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
        if (m.contains("role must be")) {
            return "write role: viewer, operator or engineer";
        }
        if (m.contains("parameter") || m.contains("min < max") || m.contains("enum")) {
            return "write the parameter as {type: number, min: 0, max: 100, unit: \"%\"}, {type: enum, values: [a, b]} "
                    + "or {type: boolean} (docs/commands.md)";
        }
        if (m.contains("readBack")) {
            return "write readBack: {topic: state/P-102/running, expect: \"false\"} (docs/commands.md)";
        }
        if (m.contains("interlock")) {
            return "see the interlocks block in docs/configuration.md";
        }
        if (m.contains("command")) {
            return "see the commands block in docs/configuration.md and docs/commands.md";
        }
        return "see docs/configuration.md";
    }

    // ---- the file's shape; constructors validate so errors carry the YAML line ----

    static final class SiteFile {
        final String site;
        final StreamingEntry streaming;
        final ReplayEntry replay;
        final AlarmsEntry alarms;
        final DetectorsEntry detectors;
        final ConnectionsEntry connections;
        final JournalEntry journal;
        final SecurityEntry security;
        final List<TagEntry> tags;
        final CommandsEntry commands;
        final InterlocksEntry interlocks;

        @JsonCreator
        SiteFile(@JsonProperty("site") String site, @JsonProperty("streaming") StreamingEntry streaming,
                @JsonProperty("replay") ReplayEntry replay, @JsonProperty("alarms") AlarmsEntry alarms,
                @JsonProperty("detectors") DetectorsEntry detectors,
                @JsonProperty("connections") ConnectionsEntry connections,
                @JsonProperty("journal") JournalEntry journal, @JsonProperty("security") SecurityEntry security,
                @JsonProperty("tags") List<TagEntry> tags,
                @JsonProperty("commands") CommandsEntry commands, @JsonProperty("interlocks") InterlocksEntry interlocks) {
            this.commands = commands == null ? new CommandsEntry(null, null, null) : commands;
            this.interlocks = interlocks == null ? new InterlocksEntry(null, null) : interlocks;
            this.security = security == null ? new SecurityEntry(null, null, null) : security;
            this.connections = connections == null ? ConnectionsEntry.NONE : connections;
            this.journal = journal == null ? new JournalEntry(null, null, null) : journal;
            this.detectors = detectors == null ? new DetectorsEntry(null, null, null) : detectors;
            this.alarms = alarms == null ? new AlarmsEntry(null, null) : alarms;
            this.site = Objects.requireNonNullElse(site, "PlantWatch site");
            this.streaming = streaming == null ? new StreamingEntry(null, null, null, null, null) : streaming;
            this.replay = replay == null ? new ReplayEntry(null, null) : replay;
            if (tags == null || tags.isEmpty()) {
                throw new KeyException("no tags are configured; add a 'tags:' list", null, "tags");
            }
            this.tags = tags;
        }
    }

    static final class ConnectionsEntry {
        static final ConnectionsEntry NONE = new ConnectionsEntry(Connections.REPLAY_ONLY);
        final Connections connections;

        private ConnectionsEntry(Connections c) {
            this.connections = c;
        }

        @JsonCreator
        ConnectionsEntry(@JsonProperty("mode") String mode, @JsonProperty("mqtt") MqttEntry mqtt,
                @JsonProperty("kafka") KafkaEntry kafka) {
            Connections.Mode m = mode == null ? Connections.Mode.REPLAY : KeyException.at(() -> switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "replay" -> Connections.Mode.REPLAY;
                case "live" -> Connections.Mode.LIVE;
                default -> throw new IllegalArgumentException("mode must be replay or live, was '" + mode + "'");
            }, "mode");
            this.connections = KeyException.at(() -> new Connections(m, mqtt == null ? null : mqtt.settings,
                    kafka == null ? null : kafka.settings), "mode");
        }
    }

    static final class MqttEntry {
        final io.plantwatch.domain.MqttSettings settings;

        @JsonCreator
        MqttEntry(@com.fasterxml.jackson.annotation.JacksonInject(BASE_DIR) Path baseDir,
                @JsonProperty("url") String url, @JsonProperty("version") String version,
                @JsonProperty("clientId") String clientId, @JsonProperty("topics") List<String> topics,
                @JsonProperty("qos") Integer qos, @JsonProperty("format") String format,
                @JsonProperty("topicPattern") String topicPattern, @JsonProperty("cleanStart") Boolean cleanStart,
                @JsonProperty("sessionExpiry") String sessionExpiry, @JsonProperty("keepAlive") String keepAlive,
                @JsonProperty("reconnect") ReconnectEntry reconnect, @JsonProperty("username") String username,
                @JsonProperty("password") String password, @JsonProperty("tls") TlsEntry tls,
                @JsonProperty("sparkplugHostId") String sparkplugHostId) {
            if (url == null || url.isBlank()) {
                throw new KeyException("connections.mqtt.url is required, e.g. mqtt://localhost:1883", null, "url");
            }
            java.net.URI uri = KeyException.at(() -> {
                try {
                    return new java.net.URI(url.trim());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason(), e);
                }
            }, "url");
            var d = io.plantwatch.domain.MqttSettings.defaults(java.net.URI.create("mqtt://localhost"));
            var v = version == null ? d.version() : KeyException.at(() -> switch (version.trim()) {
                case "5", "5.0" -> io.plantwatch.domain.MqttSettings.Version.V5;
                case "3.1.1", "3" -> io.plantwatch.domain.MqttSettings.Version.V3_1_1;
                default -> throw new IllegalArgumentException("version must be 5 or 3.1.1, was '" + version + "'");
            }, "version");
            var f = format == null ? d.format() : KeyException.at(() -> switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "json" -> io.plantwatch.domain.PayloadFormat.JSON;
                case "sparkplug", "sparkplugb", "sparkplug-b" -> io.plantwatch.domain.PayloadFormat.SPARKPLUG;
                default -> throw new IllegalArgumentException("format must be json or sparkplug, was '" + format + "'");
            }, "format");
            List<String> filters = topics != null ? topics
                    : f == io.plantwatch.domain.PayloadFormat.SPARKPLUG ? List.of("spBv1.0/+/#") : d.topicFilters();
            var secret = password == null ? null : KeyException.at(() -> io.plantwatch.domain.SecretRef.parse(password, baseDir), "password");
            ReconnectEntry r = reconnect == null ? new ReconnectEntry(null, null) : reconnect;
            // mqtts:// without a tls block: the JDK's default CAs, hostname verified
            var tlsSettings = tls != null ? tls.settings
                    : "mqtts".equals(uri.getScheme()) ? new io.plantwatch.domain.TlsSettings(null, null, null, null, true) : null;
            this.settings = atKeyNamedIn(() -> new io.plantwatch.domain.MqttSettings(uri, v,
                    clientId == null ? d.clientId() : clientId, filters, qos == null ? d.qos() : qos, f,
                    topicPattern == null ? d.topicPattern() : topicPattern,
                    cleanStart == null ? d.cleanStart() : cleanStart,
                    sessionExpiry == null ? d.sessionExpiry() : KeyException.at(() -> Durations.parse(sessionExpiry), "sessionExpiry"),
                    keepAlive == null ? d.keepAlive() : KeyException.at(() -> Durations.parse(keepAlive), "keepAlive"),
                    r.initialDelay == null ? d.reconnectInitial() : KeyException.at(() -> Durations.parse(r.initialDelay), "reconnect", "initialDelay"),
                    r.maxDelay == null ? d.reconnectMax() : KeyException.at(() -> Durations.parse(r.maxDelay), "reconnect", "maxDelay"),
                    username, secret, tlsSettings,
                    sparkplugHostId == null ? d.sparkplugHostId() : sparkplugHostId),
                    Map.of("qos", "qos", "topic filter", "topics", "clientId", "clientId"), "url");
        }
    }

    /** Runs a record constructor, attaching to its error the key its message names (else {@code fallback}). */
    private static <T> T atKeyNamedIn(Supplier<T> check, Map<String, String> keysByWord, String fallback) {
        try {
            return check.get();
        } catch (KeyException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            String key = keysByWord.entrySet().stream().filter(k -> m.contains(k.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(fallback);
            throw new KeyException(m, e, key);
        }
    }

    static final class ReconnectEntry {
        final String initialDelay;
        final String maxDelay;

        @JsonCreator
        ReconnectEntry(@JsonProperty("initialDelay") String initialDelay, @JsonProperty("maxDelay") String maxDelay) {
            this.initialDelay = initialDelay;
            this.maxDelay = maxDelay;
        }
    }

    static final class TlsEntry {
        final io.plantwatch.domain.TlsSettings settings;

        @JsonCreator
        TlsEntry(@com.fasterxml.jackson.annotation.JacksonInject(BASE_DIR) Path baseDir,
                @JsonProperty("trustStore") String trustStore, @JsonProperty("trustStorePassword") String trustStorePassword,
                @JsonProperty("keyStore") String keyStore, @JsonProperty("keyStorePassword") String keyStorePassword,
                @JsonProperty("verifyHostname") Boolean verifyHostname) {
            var tsPw = trustStorePassword == null ? null
                    : KeyException.at(() -> io.plantwatch.domain.SecretRef.parse(trustStorePassword, baseDir), "trustStorePassword");
            var ksPw = keyStorePassword == null ? null
                    : KeyException.at(() -> io.plantwatch.domain.SecretRef.parse(keyStorePassword, baseDir), "keyStorePassword");
            this.settings = KeyException.at(() -> new io.plantwatch.domain.TlsSettings(
                    trustStore == null ? null : baseDir.resolve(trustStore).normalize(), tsPw,
                    keyStore == null ? null : baseDir.resolve(keyStore).normalize(), ksPw,
                    verifyHostname == null || verifyHostname), "keyStorePassword");
        }
    }

    static final class KafkaEntry {
        final io.plantwatch.domain.KafkaSettings settings;

        @JsonCreator
        KafkaEntry(@JsonProperty("bootstrapServers") String bootstrapServers, @JsonProperty("topics") List<String> topics,
                @JsonProperty("groupId") String groupId, @JsonProperty("clientId") String clientId,
                @JsonProperty("pollTimeout") String pollTimeout, @JsonProperty("properties") Map<String, String> properties) {
            if (topics == null || topics.isEmpty()) {
                throw new KeyException("connections.kafka.topics must name at least one topic", null, "topics");
            }
            var d = io.plantwatch.domain.KafkaSettings.defaults(bootstrapServers == null ? "-" : bootstrapServers, topics);
            if (properties != null) {
                for (var e : properties.entrySet()) {
                    String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
                    String v = String.valueOf(e.getValue());
                    if ((k.contains("password") || k.contains("secret") || k.endsWith("jaas.config"))
                            && !v.startsWith("env:") && !v.startsWith("keystore:")) {
                        throw new KeyException("connections.kafka.properties." + e.getKey()
                                + " holds a secret: write a reference, env:VARIABLE or keystore:FILE.p12#ALIAS", null, "properties", e.getKey());
                    }
                }
            }
            this.settings = KeyException.at(() -> new io.plantwatch.domain.KafkaSettings(bootstrapServers, topics,
                    groupId == null ? d.groupId() : groupId, clientId == null ? d.clientId() : clientId,
                    pollTimeout == null ? d.pollTimeout() : KeyException.at(() -> Durations.parse(pollTimeout), "pollTimeout"),
                    properties == null ? Map.of() : properties), "bootstrapServers");
        }
    }

    static final class JournalEntry {
        final io.plantwatch.domain.JournalSettings settings;

        @JsonCreator
        JournalEntry(@JsonProperty("segmentReadings") Integer segmentReadings,
                @JsonProperty("retention") RetentionEntry retention, @JsonProperty("fsync") String fsync) {
            var d = io.plantwatch.domain.JournalSettings.defaults();
            RetentionEntry r = retention == null ? new RetentionEntry(null, null) : retention;
            var f = fsync == null ? d.fsync() : KeyException.at(() -> switch (fsync.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "never" -> io.plantwatch.domain.JournalSettings.Fsync.NEVER;
                case "periodic" -> io.plantwatch.domain.JournalSettings.Fsync.PERIODIC;
                case "always" -> io.plantwatch.domain.JournalSettings.Fsync.ALWAYS;
                default -> throw new IllegalArgumentException("fsync must be never, periodic or always, was '" + fsync + "'");
            }, "fsync");
            Duration age = r.age == null ? d.retentionAge()
                    : "forever".equalsIgnoreCase(r.age.trim()) ? null : KeyException.at(() -> Durations.parse(r.age), "retention", "age");
            long size = r.size == null ? d.retentionBytes() : KeyException.at(() -> ByteSizes.parse(r.size), "retention", "size");
            this.settings = KeyException.at(() -> new io.plantwatch.domain.JournalSettings(
                    segmentReadings == null ? d.segmentReadings() : segmentReadings, age, size, f), "segmentReadings");
        }
    }

    static final class RetentionEntry {
        final String age;
        final String size;

        @JsonCreator
        RetentionEntry(@JsonProperty("age") String age, @JsonProperty("size") String size) {
            this.age = age;
            this.size = size;
        }
    }

    static final class StreamingEntry {
        final StreamingSettings settings;

        @JsonCreator
        StreamingEntry(@JsonProperty("window") String window, @JsonProperty("watermark") String watermark,
                @JsonProperty("trigger") String trigger, @JsonProperty("shufflePartitions") Integer partitions,
                @JsonProperty("maxReadingsPerTrigger") Long maxPerTrigger) {
            StreamingSettings d = StreamingSettings.defaults();
            Duration w = window == null ? d.window() : KeyException.at(() -> Durations.parse(window), "window");
            Duration wm = watermark == null ? d.watermark() : KeyException.at(() -> Durations.parse(watermark), "watermark");
            Duration tr = trigger == null ? d.trigger() : KeyException.at(() -> Durations.parse(trigger), "trigger");
            try {
                this.settings = new StreamingSettings(w, wm, tr,
                        partitions == null ? d.shufflePartitions() : partitions,
                        maxPerTrigger == null ? d.maxReadingsPerTrigger() : maxPerTrigger);
            } catch (IllegalArgumentException e) {
                // messages name the key: "streaming.window must be positive"
                String m = String.valueOf(e.getMessage());
                throw m.startsWith("streaming.") ? new KeyException(m, e, m.substring(10).split("\\W")[0]) : e;
            }
        }
    }

    static final class ReplayEntry {
        final String recording;
        final double speed;

        @JsonCreator
        ReplayEntry(@JsonProperty("recording") String recording, @JsonProperty("speed") String speed) {
            this.recording = recording;
            this.speed = KeyException.at(() -> parseSpeed(speed == null ? "1" : speed), "speed");
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

    /** {@code security:} the login policy (docs/configuration.md). */
    static final class SecurityEntry {
        final io.plantwatch.security.LoginPolicy policy;

        @JsonCreator
        SecurityEntry(@JsonProperty("lockAfter") String lockAfter, @JsonProperty("maxFailedLogins") Integer maxFailedLogins,
                @JsonProperty("lockout") String lockout) {
            var d = io.plantwatch.security.LoginPolicy.DEFAULTS;
            Duration lock = lockAfter == null ? d.lockAfter()
                    : "never".equalsIgnoreCase(lockAfter.trim()) ? Duration.ZERO
                    : KeyException.at(() -> Durations.parse(lockAfter), "lockAfter");
            Duration out = lockout == null ? d.lockout() : KeyException.at(() -> Durations.parse(lockout), "lockout");
            int max = maxFailedLogins == null ? d.maxFailedLogins() : maxFailedLogins;
            this.policy = KeyException.at(() -> new io.plantwatch.security.LoginPolicy(lock, max, out), "maxFailedLogins");
        }
    }

    static final class AlarmsEntry {
        final SiteConfig.AlarmSettings settings;

        @JsonCreator
        AlarmsEntry(@JsonProperty("maxShelve") String maxShelve,
                @JsonProperty("annunciatePriority") Integer annunciatePriority) {
            Duration max = maxShelve == null ? SiteConfig.AlarmSettings.DEFAULTS.maxShelve()
                    : KeyException.at(() -> Durations.parse(maxShelve), "maxShelve");
            if (max.isZero()) {
                throw new KeyException("maxShelve must be more than 0", null, "maxShelve");
            }
            int sound = annunciatePriority == null ? SiteConfig.AlarmSettings.DEFAULTS.annunciatePriority() : annunciatePriority;
            this.settings = KeyException.at(() -> new SiteConfig.AlarmSettings(max, sound), "annunciatePriority");
        }
    }

    static final class DetectorsEntry {
        final io.plantwatch.domain.DetectorSettings settings;

        @JsonCreator
        DetectorsEntry(@JsonProperty("fast") FastEntry fast, @JsonProperty("thermal") ThermalEntry thermal,
                @JsonProperty("stuck") StuckEntry stuck) {
            StuckEntry st = stuck == null ? new StuckEntry(null, null) : stuck;
            var d = io.plantwatch.domain.DetectorSettings.DEFAULTS;
            FastEntry f = fast == null ? new FastEntry(null, null, null, null, null, null, null) : fast;
            ThermalEntry t = thermal == null ? new ThermalEntry(null, null, null, null, null, null) : thermal;
            this.settings = KeyException.at(() -> new io.plantwatch.domain.DetectorSettings(
                    f.baselineWindows == null ? d.t2BaselineWindows() : f.baselineWindows,
                    f.quantile == null ? d.t2Quantile() : f.quantile,
                    f.k == null ? d.t2K() : f.k,
                    f.n == null ? d.t2N() : f.n,
                    f.alpha == null ? d.t2Alpha() : f.alpha,
                    f.shrinkage == null ? d.t2Shrinkage() : f.shrinkage,
                    f.priority == null ? d.t2Priority() : f.priority,
                    t.meanHalfLife == null ? d.zMeanHalfLife() : KeyException.at(() -> Durations.parse(t.meanHalfLife), "thermal", "meanHalfLife"),
                    t.varianceHalfLife == null ? d.zVarianceHalfLife()
                            : KeyException.at(() -> Durations.parse(t.varianceHalfLife), "thermal", "varianceHalfLife"),
                    t.on == null ? d.zOn() : t.on,
                    t.off == null ? d.zOff() : t.off,
                    t.warmup == null ? d.zWarmup() : KeyException.at(() -> Durations.parse(t.warmup), "thermal", "warmup"),
                    t.priority == null ? d.zPriority() : t.priority,
                    st.duration == null ? d.stuckDuration() : KeyException.at(() -> Durations.parse(st.duration), "stuck", "duration"),
                    st.priority == null ? d.otherPriority() : st.priority), "fast");
        }
    }

    static final class StuckEntry {
        final String duration;
        final Integer priority;

        @JsonCreator
        StuckEntry(@JsonProperty("duration") String duration, @JsonProperty("priority") Integer priority) {
            this.duration = duration;
            this.priority = priority;
        }
    }

    static final class FastEntry {
        final Integer baselineWindows;
        final Double quantile;
        final Integer k;
        final Integer n;
        final Double alpha;
        final Double shrinkage;
        final Integer priority;

        @JsonCreator
        FastEntry(@JsonProperty("baselineWindows") Integer baselineWindows, @JsonProperty("quantile") Double quantile,
                @JsonProperty("k") Integer k, @JsonProperty("n") Integer n, @JsonProperty("alpha") Double alpha,
                @JsonProperty("shrinkage") Double shrinkage, @JsonProperty("priority") Integer priority) {
            this.baselineWindows = baselineWindows;
            this.quantile = quantile;
            this.k = k;
            this.n = n;
            this.alpha = alpha;
            this.shrinkage = shrinkage;
            this.priority = priority;
        }
    }

    static final class ThermalEntry {
        final String meanHalfLife;
        final String varianceHalfLife;
        final Double on;
        final Double off;
        final String warmup;
        final Integer priority;

        @JsonCreator
        ThermalEntry(@JsonProperty("meanHalfLife") String meanHalfLife,
                @JsonProperty("varianceHalfLife") String varianceHalfLife, @JsonProperty("on") Double on,
                @JsonProperty("off") Double off, @JsonProperty("warmup") String warmup,
                @JsonProperty("priority") Integer priority) {
            this.meanHalfLife = meanHalfLife;
            this.varianceHalfLife = varianceHalfLife;
            this.on = on;
            this.off = off;
            this.warmup = warmup;
            this.priority = priority;
        }
    }

    static final class SuppressionEntry {
        final String tag;
        final Double below;
        final Double above;

        @JsonCreator
        SuppressionEntry(@JsonProperty("tag") String tag, @JsonProperty("below") Double below,
                @JsonProperty("above") Double above) {
            this.tag = tag;
            this.below = below;
            this.above = above;
        }

        SuppressionRule rule() {
            if ((below == null) == (above == null)) {
                throw new KeyException("suppressWhen needs exactly one of 'below' or 'above'", null, "suppressWhen");
            }
            return KeyException.at(() -> new SuppressionRule(tag, below != null, below != null ? below : above),
                    "suppressWhen", "tag");
        }
    }

    static final class RationaleEntry {
        final AlarmOptions.Rationale rationale;

        @JsonCreator
        RationaleEntry(@JsonProperty("cause") String cause, @JsonProperty("consequence") String consequence,
                @JsonProperty("action") String action) {
            this.rationale = new AlarmOptions.Rationale(cause, consequence, action);
        }
    }

    static final class TagEntry {
        final TagDefinition definition;

        @JsonCreator
        TagEntry(@JsonProperty("tag") String tag,
                @JsonProperty("description") String description,
                @JsonProperty("unit") String unit,
                @JsonProperty("range") List<Double> range,
                @JsonProperty("deadband") Double deadband,
                @JsonProperty("onDelay") String onDelay,
                @JsonProperty("offDelay") String offDelay,
                @JsonProperty("suppressWhen") SuppressionEntry suppressWhen,
                @JsonProperty("class") io.plantwatch.domain.DetectorClass detectorClass,
                @JsonProperty("maxRate") Double maxRate,
                @JsonProperty("limits") Map<LimitLevel, LimitEntry> limits) {
            KeyException.at(() -> {
                TagId.requireValid(tag);
                return tag;
            }, "tag");
            // tag and range are checked here, not with required = true: Jackson reports a missing creator
            // property at the end of the entry, i.e. on the next entry's line
            if (range == null || range.size() != 2 || range.contains(null)) {
                throw new KeyException("tag '" + tag + "': range must be [low, high]", null, "range");
            }
            if (deadband != null && !(deadband >= 0)) {
                throw new KeyException("deadband must be >= 0, was " + deadband, null, "deadband");
            }
            double defaultDeadband = deadband == null ? 0.0 : deadband;
            Duration defaultDelay = onDelay == null ? Duration.ZERO
                    : KeyException.at(() -> Durations.parse(onDelay), "onDelay");
            Duration defaultOffDelay = offDelay == null ? Duration.ZERO
                    : KeyException.at(() -> Durations.parse(offDelay), "offDelay");
            List<LimitSpec> specs = new ArrayList<>();
            if (limits != null) {
                limits.forEach((level, l) -> {
                    Duration off = l.offDelay == null ? defaultOffDelay
                            : KeyException.at(() -> Durations.parse(l.offDelay), "limits", level.name(), "offDelay");
                    AlarmOptions options = new AlarmOptions(off.toMillis(), Boolean.TRUE.equals(l.latching),
                            Boolean.TRUE.equals(l.ackNoteRequired), !Boolean.FALSE.equals(l.shelvingAllowed),
                            l.rationale == null ? AlarmOptions.Rationale.NONE : l.rationale.rationale);
                    specs.add(KeyException.at(() -> new LimitSpec(level, l.value, l.priority,
                            l.deadband == null ? defaultDeadband : l.deadband,
                            (l.onDelay == null ? defaultDelay
                                    : KeyException.at(() -> Durations.parse(l.onDelay), "limits", level.name(), "onDelay"))
                                    .toMillis(), options), "limits", level.name()));
                });
            }
            if (maxRate != null && !(maxRate > 0)) {
                throw new KeyException("tag '" + tag + "': maxRate must be > 0 (engineering units per second)", null, "maxRate");
            }
            SuppressionRule rule = suppressWhen == null ? null : suppressWhen.rule();
            if (rule != null && rule.tag().equals(tag)) {
                throw new KeyException("tag '" + tag + "': an alarm cannot be suppressed by its own tag", null,
                        "suppressWhen", "tag");
            }
            KeyException.at(() -> new TagDefinition(tag, description, unit, range.get(0), range.get(1), List.of()),
                    "range");
            try {
                this.definition = new TagDefinition(tag, description, unit, range.get(0), range.get(1), specs, rule,
                        detectorClass, maxRate == null ? Double.NaN : maxRate);
            } catch (IllegalArgumentException e) {
                // tag and range are valid, so the limits are misordered: point at the lower one of the first bad pair
                List<LimitSpec> sorted = specs.stream().sorted(Comparator.comparing(LimitSpec::level)).toList();
                String level = "";
                for (int i = 1; i < sorted.size() && level.isEmpty(); i++) {
                    if (!(sorted.get(i - 1).value() < sorted.get(i).value())) {
                        level = sorted.get(i - 1).level().name();
                    }
                }
                throw new KeyException("tag '" + tag + "': " + e.getMessage().replace(tag + ": ", ""), e,
                        level.isEmpty() ? new String[] {"limits"} : new String[] {"limits", level});
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
        final String offDelay;
        final Boolean latching;
        final Boolean ackNoteRequired;
        final Boolean shelvingAllowed;
        final RationaleEntry rationale;

        @JsonCreator
        LimitEntry(@JsonProperty(value = "value", required = true) double value,
                @JsonProperty(value = "priority", required = true) int priority,
                @JsonProperty("deadband") Double deadband, @JsonProperty("onDelay") String onDelay,
                @JsonProperty("offDelay") String offDelay, @JsonProperty("latching") Boolean latching,
                @JsonProperty("ackNoteRequired") Boolean ackNoteRequired,
                @JsonProperty("shelvingAllowed") Boolean shelvingAllowed,
                @JsonProperty("rationale") RationaleEntry rationale) {
            this.value = value;
            this.priority = priority;
            this.deadband = deadband;
            this.onDelay = onDelay;
            this.offDelay = offDelay;
            this.latching = latching;
            this.ackNoteRequired = ackNoteRequired;
            this.shelvingAllowed = shelvingAllowed;
            this.rationale = rationale;
        }
    }

    // ---- commands and interlocks (docs/configuration.md, docs/commands.md) ----

    static final class CommandsEntry {
        final CommandCatalog catalog;

        @JsonCreator
        CommandsEntry(@JsonProperty("armTimeout") String armTimeout, @JsonProperty("topic") String topic,
                @JsonProperty("devices") List<DeviceCommandsEntry> devices) {
            Duration arm = armTimeout == null ? CommandCatalog.DEFAULT_ARM_TIMEOUT
                    : KeyException.at(() -> Durations.parse(armTimeout), "armTimeout");
            if (arm.isZero()) {
                throw new KeyException("commands.armTimeout must be more than 0", null, "armTimeout");
            }
            String pattern = topic == null ? CommandDefinition.DEFAULT_TOPIC : topic;
            if (!pattern.contains("{device}") || !pattern.contains("{command}")) {
                throw new KeyException("commands.topic '" + pattern + "' must contain {device} and {command}", null, "topic");
            }
            List<CommandDefinition> all = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            List<DeviceCommandsEntry> ds = devices == null ? List.of() : devices;
            for (int i = 0; i < ds.size(); i++) {
                DeviceCommandsEntry d = ds.get(i);
                for (int j = 0; j < d.commands.size(); j++) {
                    CommandDefinition c = d.commands.get(j).definition(d.device, pattern, String.valueOf(i), String.valueOf(j));
                    if (!keys.add(c.key())) {
                        throw new KeyException("command " + c.key() + " is defined twice", null, "devices",
                                String.valueOf(i), "commands", String.valueOf(j), "name");
                    }
                    all.add(c);
                }
            }
            this.catalog = new CommandCatalog(arm, all);
        }
    }

    static final class DeviceCommandsEntry {
        final String device;
        final List<CommandEntry> commands;

        @JsonCreator
        DeviceCommandsEntry(@JsonProperty("device") String device, @JsonProperty("commands") List<CommandEntry> commands) {
            if (device == null || !device.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new KeyException("device id '" + device + "' must be 1-64 characters of letters, digits, '-', '_' or '.'",
                        null, "device");
            }
            if (commands == null || commands.isEmpty()) {
                throw new KeyException("device " + device + " lists no commands; add a 'commands:' list", null, "commands");
            }
            this.device = device;
            this.commands = commands;
        }
    }

    static final class CommandEntry {
        final String name;
        final String description;
        final String topic;
        final ParameterEntry parameter;
        final String role;
        final Boolean noteRequired;
        final String timeout;
        final String expiry;
        final ReadBackEntry readBack;
        final String processTag;

        @JsonCreator
        CommandEntry(@JsonProperty("name") String name, @JsonProperty("description") String description,
                @JsonProperty("topic") String topic, @JsonProperty("parameter") ParameterEntry parameter,
                @JsonProperty("role") String role, @JsonProperty("noteRequired") Boolean noteRequired,
                @JsonProperty("timeout") String timeout, @JsonProperty("expiry") String expiry,
                @JsonProperty("readBack") ReadBackEntry readBack, @JsonProperty("processTag") String processTag) {
            if (name == null || name.isBlank()) {
                throw new KeyException("a command needs a name, e.g. shutdown", null, "name");
            }
            this.name = name;
            this.description = description;
            this.topic = topic;
            this.parameter = parameter;
            this.role = role;
            this.noteRequired = noteRequired;
            this.timeout = timeout;
            this.expiry = expiry;
            this.readBack = readBack;
            this.processTag = processTag;
        }

        /** The definition; keys of errors are relative to {@code commands}, entry i of devices, entry j of its commands. */
        CommandDefinition definition(String device, String pattern, String i, String j) {
            String[] at = {"devices", i, "commands", j};
            Role r = role == null ? Role.OPERATOR : KeyException.at(() -> switch (role.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "viewer" -> Role.VIEWER;
                case "operator" -> Role.OPERATOR;
                case "engineer" -> Role.ENGINEER;
                default -> throw new IllegalArgumentException("command " + device + "/" + name
                        + ": role must be viewer, operator or engineer, was '" + role + "'");
            }, concat(at, "role"));
            Duration t = timeout == null ? CommandDefinition.DEFAULT_TIMEOUT
                    : KeyException.at(() -> Durations.parse(timeout), concat(at, "timeout"));
            Duration e = expiry == null ? null : KeyException.at(() -> Durations.parse(expiry), concat(at, "expiry"));
            CommandParameter p = parameter == null ? CommandParameter.NONE
                    : KeyException.at(parameter::parameter, concat(at, "parameter"));
            CommandDefinition.Confirmation conf = readBack == null ? CommandDefinition.Confirmation.RESPONSE
                    : KeyException.at(() -> CommandDefinition.Confirmation.readBack(
                            readBack.topic == null ? null : CommandDefinition.topic(readBack.topic, device, name),
                            readBack.expect), concat(at, "readBack"));
            try {
                return new CommandDefinition(device, name, description,
                        CommandDefinition.topic(topic == null ? pattern : topic, device, name), p, r,
                        Boolean.TRUE.equals(noteRequired), t, e, conf, processTag);
            } catch (IllegalArgumentException ex) {
                String m = String.valueOf(ex.getMessage());
                String key = m.contains("command name") ? "name" : m.contains("topic") ? "topic"
                        : m.contains("timeout") ? "timeout" : m.contains("expiry") ? "expiry"
                        : m.contains("tag id") || m.contains("device id") || m.contains("sensor id") ? "processTag" : "name";
                throw new KeyException("command " + device + "/" + name + ": " + m.replace("command " + device + "/" + name + ": ", ""),
                        ex, concat(at, key));
            }
        }

        private static String[] concat(String[] a, String b) {
            String[] out = java.util.Arrays.copyOf(a, a.length + 1);
            out[a.length] = b;
            return out;
        }
    }

    static final class ParameterEntry {
        final String type;
        final Double min;
        final Double max;
        final String unit;
        final List<String> values;

        @JsonCreator
        ParameterEntry(@JsonProperty("type") String type, @JsonProperty("min") Double min, @JsonProperty("max") Double max,
                @JsonProperty("unit") String unit, @JsonProperty("values") List<String> values) {
            this.type = type;
            this.min = min;
            this.max = max;
            this.unit = unit;
            this.values = values;
        }

        CommandParameter parameter() {
            String t = type == null ? "" : type.trim().toLowerCase(java.util.Locale.ROOT);
            return switch (t) {
                case "none" -> CommandParameter.NONE;
                case "number" -> {
                    if (min == null || max == null) {
                        throw new IllegalArgumentException("a number parameter needs min and max");
                    }
                    yield CommandParameter.number(min, max, unit);
                }
                case "enum" -> CommandParameter.oneOf(values);
                case "boolean" -> CommandParameter.bool();
                default -> throw new IllegalArgumentException("parameter type must be none, number, enum or boolean, was '"
                        + (type == null ? "" : type) + "'");
            };
        }
    }

    static final class ReadBackEntry {
        final String topic;
        final String expect;

        @JsonCreator
        ReadBackEntry(@JsonProperty("topic") String topic, @JsonProperty("expect") String expect) {
            this.topic = topic;
            this.expect = expect;
        }
    }

    static final class InterlocksEntry {
        final InterlockSettings settings;

        @JsonCreator
        InterlocksEntry(@JsonProperty("enabled") Boolean enabled, @JsonProperty("rules") List<RuleEntry> rules) {
            List<InterlockRule> rs = new ArrayList<>();
            Set<String> names = new HashSet<>();
            List<RuleEntry> in = rules == null ? List.of() : rules;
            for (int i = 0; i < in.size(); i++) {
                if (!names.add(in.get(i).rule.name())) {
                    throw new KeyException("interlock rule '" + in.get(i).rule.name() + "' is defined twice", null,
                            "rules", String.valueOf(i), "name");
                }
                rs.add(in.get(i).rule);
            }
            this.settings = new InterlockSettings(Boolean.TRUE.equals(enabled), rs);
        }
    }

    static final class RuleEntry {
        final InterlockRule rule;

        @JsonCreator
        RuleEntry(@JsonProperty("name") String name, @JsonProperty("alarm") String alarm, @JsonProperty("for") String hold,
                @JsonProperty("command") String command, @JsonProperty("value") String value,
                @JsonProperty("note") String note) {
            if (name == null || name.isBlank()) {
                throw new KeyException("an interlock rule needs a name", null, "name");
            }
            if (alarm == null || !alarm.matches("[^:]+/[^:]+:(LOLO|LO|HI|HIHI)")) {
                throw new KeyException("interlock '" + name + "': alarm must be tag:LEVEL with LEVEL LOLO, LO, HI or HIHI, e.g. "
                        + "P-101/motor_temperature:HIHI, was '" + alarm + "'", null, "alarm");
            }
            if (command == null || !command.matches("[A-Za-z0-9_.-]{1,64}/[A-Za-z0-9_.-]{1,64}")) {
                throw new KeyException("interlock '" + name + "': command must be device/command, e.g. P-101/shutdown, was '"
                        + command + "'", null, "command");
            }
            Duration h = hold == null ? Duration.ZERO : KeyException.at(() -> Durations.parse(hold), "for");
            String[] dc = command.split("/");
            this.rule = KeyException.at(() -> new InterlockRule(name, alarm, h, dc[0], dc[1], value, note), "name");
        }
    }
}
