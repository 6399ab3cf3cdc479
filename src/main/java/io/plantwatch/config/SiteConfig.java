package io.plantwatch.config;

import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.TagDefinition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A site's configuration, validated: tags with units, ranges and limits, the streaming query's
 * settings and the default recording to replay. Immutable; load it with {@link SiteConfigLoader}.
 *
 * @param file      the YAML file it came from
 * @param site      the site's display name
 * @param streaming window, watermark and trigger settings
 * @param replay    default recording and speed; recording is resolved against the file's folder
 * @param tags      configured tags, in file order
 * @param alarms    site-wide alarm handling settings
 * @param detectors anomaly detector parameters per tag class
 * @param connections where readings come from: the recording, or live MQTT/Kafka
 * @param journal   the durable journal's segment size, retention and fsync policy
 * @param commands  the command catalog: what the console may send to which device (empty: nothing)
 * @param interlocks automatic actions on alarms (off unless enabled)
 * @param security  logins: inactivity lock, failed-login lockout ({@code security:} block)
 */
public record SiteConfig(Path file, String site, StreamingSettings streaming, ReplaySettings replay,
        List<TagDefinition> tags, AlarmSettings alarms, io.plantwatch.domain.DetectorSettings detectors,
        Connections connections, io.plantwatch.domain.JournalSettings journal,
        io.plantwatch.domain.CommandCatalog commands, io.plantwatch.domain.InterlockSettings interlocks,
        io.plantwatch.security.LoginPolicy security) {

    /** A configuration with a command catalog and interlocks, without a security block ({@link io.plantwatch.security.LoginPolicy#DEFAULTS}). */
    public SiteConfig(Path file, String site, StreamingSettings streaming, ReplaySettings replay,
            List<TagDefinition> tags, AlarmSettings alarms, io.plantwatch.domain.DetectorSettings detectors,
            Connections connections, io.plantwatch.domain.JournalSettings journal,
            io.plantwatch.domain.CommandCatalog commands, io.plantwatch.domain.InterlockSettings interlocks) {
        this(file, site, streaming, replay, tags, alarms, detectors, connections, journal, commands, interlocks,
                io.plantwatch.security.LoginPolicy.DEFAULTS);
    }

    /** A configuration with a security block, without a command catalog and interlocks. */
    public SiteConfig(Path file, String site, StreamingSettings streaming, ReplaySettings replay,
            List<TagDefinition> tags, AlarmSettings alarms, io.plantwatch.domain.DetectorSettings detectors,
            Connections connections, io.plantwatch.domain.JournalSettings journal,
            io.plantwatch.security.LoginPolicy security) {
        this(file, site, streaming, replay, tags, alarms, detectors, connections, journal,
                io.plantwatch.domain.CommandCatalog.EMPTY, io.plantwatch.domain.InterlockSettings.OFF, security);
    }

    /** A configuration without a command catalog, interlocks and security block. */
    public SiteConfig(Path file, String site, StreamingSettings streaming, ReplaySettings replay,
            List<TagDefinition> tags, AlarmSettings alarms, io.plantwatch.domain.DetectorSettings detectors,
            Connections connections, io.plantwatch.domain.JournalSettings journal) {
        this(file, site, streaming, replay, tags, alarms, detectors, connections, journal,
                io.plantwatch.domain.CommandCatalog.EMPTY, io.plantwatch.domain.InterlockSettings.OFF,
                io.plantwatch.security.LoginPolicy.DEFAULTS);
    }

    /** A configuration without a connections block: replay only, journal defaults. */
    public SiteConfig(Path file, String site, StreamingSettings streaming, ReplaySettings replay,
            List<TagDefinition> tags, AlarmSettings alarms, io.plantwatch.domain.DetectorSettings detectors) {
        this(file, site, streaming, replay, tags, alarms, detectors, Connections.REPLAY_ONLY,
                io.plantwatch.domain.JournalSettings.defaults());
    }

    /** This configuration with other connections (the connections dialog, {@code console --live}). */
    public SiteConfig withConnections(Connections newConnections) {
        return new SiteConfig(file, site, streaming, replay, tags, alarms, detectors, newConnections, journal, commands,
                interlocks, security);
    }

    /** This configuration with another login policy (tests: a short inactivity lock). */
    public SiteConfig withSecurity(io.plantwatch.security.LoginPolicy newSecurity) {
        return new SiteConfig(file, site, streaming, replay, tags, alarms, detectors, connections, journal, commands,
                interlocks, newSecurity);
    }

    /**
     * Site-wide alarm handling.
     *
     * @param maxShelve          longest time an operator may shelve an alarm (ISA-18.2 §11.6: shelving is time-limited)
     * @param annunciatePriority new unacknowledged alarms of this priority or more urgent sound (1–4; 0 = silent console)
     */
    public record AlarmSettings(java.time.Duration maxShelve, int annunciatePriority) {
        /** 8 hours (one operator shift); priorities 1 and 2 sound. */
        public static final AlarmSettings DEFAULTS = new AlarmSettings(java.time.Duration.ofHours(8), 2);

        /** @throws IllegalArgumentException when annunciatePriority is outside 0–4 */
        public AlarmSettings {
            if (annunciatePriority < 0 || annunciatePriority > 4) {
                throw new IllegalArgumentException("annunciatePriority must be 0 (none) to 4, was " + annunciatePriority);
            }
        }
    }

    /**
     * The recording replayed when the console starts without one.
     *
     * @param recording absolute path of the recording
     * @param speed     speed factor, ≥ 1, or {@link Double#POSITIVE_INFINITY} for max
     */
    public record ReplaySettings(Path recording, double speed) {
    }

    public SiteConfig {
        tags = List.copyOf(tags);
        connections = java.util.Objects.requireNonNullElse(connections, Connections.REPLAY_ONLY);
        journal = java.util.Objects.requireNonNullElse(journal, io.plantwatch.domain.JournalSettings.defaults());
        commands = java.util.Objects.requireNonNullElse(commands, io.plantwatch.domain.CommandCatalog.EMPTY);
        interlocks = java.util.Objects.requireNonNullElse(interlocks, io.plantwatch.domain.InterlockSettings.OFF);
        security = java.util.Objects.requireNonNullElse(security, io.plantwatch.security.LoginPolicy.DEFAULTS);
    }

    /** Tags by id, in file order. */
    public Map<String, TagDefinition> tagsById() {
        Map<String, TagDefinition> byId = new LinkedHashMap<>();
        tags.forEach(t -> byId.put(t.tag(), t));
        return byId;
    }

    /** The definition of one tag, if configured. */
    public Optional<TagDefinition> tag(String tag) {
        return tags.stream().filter(t -> t.tag().equals(tag)).findFirst();
    }
}
