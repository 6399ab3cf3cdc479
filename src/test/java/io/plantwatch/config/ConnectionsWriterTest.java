package io.plantwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.domain.TlsSettings;
import io.plantwatch.testsupport.TestPaths;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConnectionsWriter}: the generated block reads back (Jackson YAML) as the same settings, and
 * everything else in the site file stays byte for byte.
 *
 * <p>The block is read back here by {@link #readBack}, a small reader of the schema in
 * {@link Connections}' Javadoc.
 * TODO(lead): round-trip through SiteConfigLoader once it reads the connections block.
 */
class ConnectionsWriterTest {

    @TempDir
    Path dir;

    private static final YAMLMapper YAML = new YAMLMapper();

    private Connections full() {
        MqttSettings mqtt = new MqttSettings(URI.create("mqtts://broker.plant.local:8883"), MqttSettings.Version.V3_1_1,
                "console-1:30", List.of("spBv1.0/+/#", "sensors/+/+"), 2, PayloadFormat.SPARKPLUG,
                "sensors/{device}/{sensor}", true, Duration.ofHours(2), Duration.ofSeconds(45), Duration.ofMillis(500),
                Duration.ofMinutes(5), "yes", SecretRef.parse("env:PLANTWATCH_MQTT_PASSWORD", dir),
                new TlsSettings(dir.resolve("tls/ca.p12"), SecretRef.parse("env:CA_PW", dir), Path.of("/etc/pki/client.p12"),
                        SecretRef.parse("keystore:secrets/pw.p12#client", dir), false),
                "plantwatch host");
        KafkaSettings kafka = new KafkaSettings("10.0.0.5:9092,kafka-2:9092", List.of("plant-readings", "line#2"),
                "plantwatch-console", "console #1", Duration.ofMillis(250),
                Map.of("security.protocol", "SSL", "ssl.truststore.password", "env:KAFKA_TS_PW", "max.poll.records", "500"));
        return new Connections(Connections.Mode.LIVE, mqtt, kafka);
    }

    @Test
    void fullSettingsReadBackAsTheSameSettings() throws Exception {
        Connections c = full();

        String block = ConnectionsWriter.block(c, dir);

        assertThat(readBack(block, dir)).isEqualTo(c);
        assertThat(block).startsWith("connections:\n").doesNotContain("\t");
    }

    @Test
    void minimalSettingsReadBackAsTheSameSettings() throws Exception {
        Connections replayOnly = Connections.REPLAY_ONLY;
        Connections mqttDefaults = new Connections(Connections.Mode.LIVE,
                MqttSettings.defaults(URI.create("mqtt://localhost:1883")), null);
        Connections kafkaDefaults = new Connections(Connections.Mode.REPLAY, null,
                new KafkaSettings("localhost:9092", List.of("plant-readings"), "g", null, Duration.ofMillis(500), Map.of()));

        assertThat(readBack(ConnectionsWriter.block(replayOnly, dir), dir)).isEqualTo(replayOnly);
        assertThat(readBack(ConnectionsWriter.block(mqttDefaults, dir), dir)).isEqualTo(mqttDefaults);
        assertThat(readBack(ConnectionsWriter.block(kafkaDefaults, dir), dir)).isEqualTo(kafkaDefaults);
        assertThat(ConnectionsWriter.block(replayOnly, dir)).isEqualTo("""
                connections:
                  # written by the console's Connections dialog; secrets are references, never values
                  mode: replay
                """);
    }

    @Test
    void mqttsWithTlsWritesPathsRelativeToTheSiteFolderAndSecretsOnlyAsReferences() throws Exception {
        String block = ConnectionsWriter.block(full(), dir);

        assertThat(block).contains("    url: mqtts://broker.plant.local:8883\n")
                .contains("    password: env:PLANTWATCH_MQTT_PASSWORD\n")
                .contains("      trustStore: tls/ca.p12\n")
                .contains("      trustStorePassword: env:CA_PW\n")
                .contains("      keyStore: /etc/pki/client.p12\n")
                .contains("      keyStorePassword: \"keystore:secrets/pw.p12#client\"\n")
                .contains("      verifyHostname: false\n")
                .contains("    sessionExpiry: 2h\n").contains("    keepAlive: 45s\n")
                .contains("      initialDelay: 500ms\n").contains("      maxDelay: 5m\n")
                .contains("    version: \"3.1.1\"\n")
                .contains("    username: \"yes\"\n")
                .contains("    pollTimeout: 250ms\n");
        JsonNode tls = YAML.readTree(block).path("connections").path("mqtt").path("tls");
        assertThat(tls.path("keyStorePassword").asText()).isEqualTo("keystore:secrets/pw.p12#client");
    }

    @Test
    void blockInTheMiddleIsReplacedAndEveryOtherLineAndCommentIsKept() throws Exception {
        String demo = Files.readString(TestPaths.sample("demo-site.yaml"), StandardCharsets.UTF_8);
        int at = demo.indexOf("\nalarms:") + 1;
        String before = demo.substring(0, at);
        String after = demo.substring(at);
        String old = """
                connections:   # old block, goes
                  mode: replay
                  # a comment inside the block, goes
                  mqtt: {url: "mqtt://old:1883", topics: [a/b]}

                # This comment belongs to 'alarms:' below and stays.
                """;
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, before + old + after, StandardCharsets.UTF_8);

        ConnectionsWriter.write(site, full());

        String written = Files.readString(site, StandardCharsets.UTF_8);
        String block = ConnectionsWriter.block(full(), dir.toRealPath());
        assertThat(written).isEqualTo(before + block + "\n# This comment belongs to 'alarms:' below and stays.\n" + after);
        assertThat(written).doesNotContain("old block").doesNotContain("mqtt://old");
        assertThat(readBack(YAML.readTree(written).path("connections"), dir.toRealPath())).isEqualTo(full());
        assertThat(Files.readString(ConnectionsWriter.backup(site))).isEqualTo(before + old + after);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("site.yaml", "site.yaml.bak");
        }
    }

    @Test
    void absentBlockIsAppendedAfterABlankLine() throws Exception {
        Path site = dir.resolve("site.yaml");
        String demo = Files.readString(TestPaths.sample("demo-site.yaml"), StandardCharsets.UTF_8);
        String noNewline = demo.stripTrailing();
        Files.writeString(site, noNewline, StandardCharsets.UTF_8);

        ConnectionsWriter.write(site, full());

        String block = ConnectionsWriter.block(full(), dir.toRealPath());
        assertThat(Files.readString(site)).isEqualTo(noNewline + "\n\n" + block);
        ConnectionsWriter.write(site, Connections.REPLAY_ONLY);
        assertThat(Files.readString(site)).isEqualTo(noNewline + "\n\n" + ConnectionsWriter.block(Connections.REPLAY_ONLY, dir));
        assertThat(Files.readString(ConnectionsWriter.backup(site))).isEqualTo(noNewline + "\n\n" + block);
    }

    @Test
    void blockAtTheEndIsReplacedAndWindowsLineEndsAreKept() {
        String text = "site: X\r\n# tags below\r\ntags: []\r\nconnections:\r\n  mode: live\r\n  kafka:\r\n    bootstrapServers: k:9092\r\n";

        String out = ConnectionsWriter.replaceBlock(text, "connections:\n  mode: replay\n");

        assertThat(out).isEqualTo("site: X\r\n# tags below\r\ntags: []\r\nconnections:\r\n  mode: replay\r\n");
    }

    @Test
    void twoTopLevelBlocksAreRefusedWithTheirLines() {
        String text = "connections:\n  mode: live\nsite: x\nconnections: {mode: replay}\n";

        assertThatThrownBy(() -> ConnectionsWriter.replaceBlock(text, "connections:\n  mode: replay\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lines 1 and 4");
    }

    @Test
    void nestedKeysNamedConnectionsAreNotTheBlock() {
        String text = "tags:\n  - tag: A/b\n    connections: 3\n";

        String out = ConnectionsWriter.replaceBlock(text, "connections:\n  mode: replay\n");

        assertThat(out).isEqualTo(text + "\nconnections:\n  mode: replay\n");
    }

    @Test
    void replayRecordingAndSpeedAreReplacedInPlaceKeepingTheirComments() throws Exception {
        Path site = dir.resolve("site.yaml");
        String demo = Files.readString(TestPaths.sample("demo-site.yaml"), StandardCharsets.UTF_8);
        Files.writeString(site, demo, StandardCharsets.UTF_8);

        ConnectionsWriter.write(site, Connections.REPLAY_ONLY,
                new SiteConfig.ReplaySettings(dir.resolve("rec/other.csv"), Double.POSITIVE_INFINITY));

        String written = Files.readString(site);
        assertThat(written).contains("""
                replay:
                  recording: rec/other.csv        # relative to this file
                  speed: max                      # 1x, 10x, 100x ... or max
                """);
        String expected = demo.replace("  recording: skab-valve1-09.csv   # relative to this file",
                "  recording: rec/other.csv        # relative to this file")
                .replace("  speed: 20x                      # 1x, 10x, 100x ... or max",
                        "  speed: max                      # 1x, 10x, 100x ... or max");
        assertThat(written).isEqualTo(expected + "\n" + ConnectionsWriter.block(Connections.REPLAY_ONLY, dir));
    }

    @Test
    void missingReplayKeysAndBlocksAreAdded() {
        SiteConfig.ReplaySettings r = new SiteConfig.ReplaySettings(Path.of("/data/a.csv"), 2.5);

        assertThat(ConnectionsWriter.replaceReplay("site: x\nreplay:\n    speed: 1x\ntags: []\n", r, Path.of("/sites")))
                .isEqualTo("site: x\nreplay:\n    recording: /data/a.csv\n    speed: 2.5x\ntags: []\n");
        assertThat(ConnectionsWriter.replaceReplay("site: x\n", r, Path.of("/data")))
                .isEqualTo("site: x\n\nreplay:\n  recording: a.csv\n  speed: 2.5x\n");
        assertThat(ConnectionsWriter.replaceReplay("replay: {speed: 1x}  # flow\nsite: x\n", r, Path.of("/data")))
                .isEqualTo("replay:\n  recording: a.csv\n  speed: 2.5x\nsite: x\n");
    }

    @Test
    void durationsAreWrittenInTheLargestExactUnitAndReadBack() {
        for (Duration d : List.of(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofHours(2), Duration.ofDays(1), Duration.ofMillis(1500), Duration.ZERO, Duration.ofMinutes(90))) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void stringsThatYamlWouldReadAsSomethingElseAreQuoted() throws Exception {
        for (String s : List.of("yes", "No", "null", "~", "5", "3.1.1", "1:30", "0x1F", "a: b", "#x", "sensors/{device}",
                "spBv1.0/+/#", "- x", "a\"b\\c", "tab\there", "[x]", "key:", "@x", "%x", "")) {
            String yaml = "v: " + ConnectionsWriter.scalar(s) + "\n";
            assertThat(YAML.readTree(yaml).path("v").isTextual()).as(yaml).isTrue();
            assertThat(YAML.readTree(yaml).path("v").asText()).as(yaml).isEqualTo(s);
        }
        assertThat(ConnectionsWriter.scalar("mqtt://localhost:1883")).isEqualTo("mqtt://localhost:1883");
        assertThat(ConnectionsWriter.scalar("sensors/+/+")).isEqualTo("sensors/+/+");
    }

    // ---- reading the block back (schema of Connections' Javadoc) ----

    private static Connections readBack(String block, Path baseDir) throws Exception {
        return readBack(YAML.readTree(block).path("connections"), baseDir);
    }

    private static Connections readBack(JsonNode c, Path baseDir) {
        assertThat(fieldNames(c)).isSubsetOf("mode", "mqtt", "kafka");
        Connections.Mode mode = Connections.Mode.valueOf(c.path("mode").asText().toUpperCase());
        MqttSettings mqtt = null;
        if (c.has("mqtt")) {
            JsonNode m = c.path("mqtt");
            assertThat(fieldNames(m)).isSubsetOf("url", "version", "clientId", "topics", "qos", "format", "topicPattern",
                    "cleanStart", "sessionExpiry", "keepAlive", "reconnect", "username", "password", "tls", "sparkplugHostId");
            TlsSettings tls = null;
            if (m.has("tls")) {
                JsonNode t = m.path("tls");
                tls = new TlsSettings(path(t, "trustStore", baseDir), secret(t, "trustStorePassword", baseDir),
                        path(t, "keyStore", baseDir), secret(t, "keyStorePassword", baseDir), t.path("verifyHostname").asBoolean(true));
            }
            mqtt = new MqttSettings(URI.create(m.path("url").asText()),
                    m.path("version").asText().equals("5") ? MqttSettings.Version.V5 : MqttSettings.Version.V3_1_1,
                    m.path("clientId").asText(), strings(m.path("topics")), m.path("qos").intValue(),
                    PayloadFormat.valueOf(m.path("format").asText().toUpperCase()), text(m, "topicPattern"),
                    m.path("cleanStart").booleanValue(), duration(m, "sessionExpiry"), duration(m, "keepAlive"),
                    duration(m.path("reconnect"), "initialDelay"), duration(m.path("reconnect"), "maxDelay"),
                    text(m, "username"), secret(m, "password", baseDir), tls, text(m, "sparkplugHostId"));
            assertThat(m.path("qos").isInt()).isTrue();
            assertThat(m.path("cleanStart").isBoolean()).isTrue();
        }
        KafkaSettings kafka = null;
        if (c.has("kafka")) {
            JsonNode k = c.path("kafka");
            Map<String, String> props = new LinkedHashMap<>();
            k.path("properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
            kafka = new KafkaSettings(k.path("bootstrapServers").asText(), strings(k.path("topics")), k.path("groupId").asText(),
                    text(k, "clientId"), duration(k, "pollTimeout"), props);
        }
        return new Connections(mode, mqtt, kafka);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> strings(JsonNode list) {
        assertThat(list.isArray()).isTrue();
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode n, String key) {
        return n.has(key) ? n.path(key).asText() : null;
    }

    private static Duration duration(JsonNode n, String key) {
        return n.has(key) ? Durations.parse(n.path(key).asText()) : null;
    }

    private static Path path(JsonNode n, String key, Path baseDir) {
        return n.has(key) ? baseDir.resolve(n.path(key).asText()) : null;
    }

    private static SecretRef secret(JsonNode n, String key, Path baseDir) {
        return n.has(key) ? SecretRef.parse(n.path(key).asText(), baseDir) : null;
    }
}
