package io.plantwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The site file's {@code connections} and {@code journal} blocks (docs/configuration.md). */
class ConnectionsConfigTest {

    private static final String TAGS = """
            tags:
              - tag: P-101/flow
                unit: L/min
                range: [0, 40]
            """;

    @TempDir
    Path dir;

    private final SiteConfigLoader loader = new SiteConfigLoader();

    private SiteConfig load(String yaml) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, yaml + TAGS, StandardCharsets.UTF_8);
        return loader.load(file);
    }

    private ConfigException error(String yaml) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, yaml + TAGS, StandardCharsets.UTF_8);
        return catchThrowableOfType(ConfigException.class, () -> loader.load(file));
    }

    @Test
    void withoutABlockTheConsoleReplaysAndTheJournalHasDefaults() throws IOException {
        SiteConfig c = load("site: x\n");
        assertThat(c.connections()).isEqualTo(Connections.REPLAY_ONLY);
        assertThat(c.journal()).isEqualTo(JournalSettings.defaults());
    }

    @Test
    void fullMqttAndKafkaBlocksAreRead() throws IOException {
        SiteConfig c = load("""
                connections:
                  mode: live
                  mqtt:
                    url: mqtts://broker.plant.local
                    version: 3.1.1
                    clientId: console-7
                    topics: [plant/+/+/+, sensors/+/+]
                    qos: 2
                    topicPattern: "plant/{ignore}/{device}/{sensor}"
                    cleanStart: true
                    sessionExpiry: 2h
                    keepAlive: 15s
                    reconnect: {initialDelay: 500ms, maxDelay: 1m}
                    username: console
                    password: env:PLANTWATCH_MQTT_PASSWORD
                    tls:
                      trustStore: certs/ca.p12
                      trustStorePassword: env:CA_PASSWORD
                      keyStore: certs/client.p12
                      keyStorePassword: keystore:secrets.p12#mqtt-client
                      verifyHostname: false
                  kafka:
                    bootstrapServers: k1:9092,k2:9092
                    topics: [plant-readings]
                    groupId: control-room
                    pollTimeout: 250ms
                    properties: {security.protocol: SSL, ssl.truststore.password: env:KAFKA_TS_PASSWORD}
                journal:
                  segmentReadings: 65536
                  retention: {age: 3d, size: 2GiB}
                  fsync: always
                """);
        Connections conn = c.connections();
        assertThat(conn.mode()).isEqualTo(Connections.Mode.LIVE);
        MqttSettings m = conn.mqtt();
        assertThat(m.serverUri().toString()).isEqualTo("mqtts://broker.plant.local");
        assertThat(m.secure()).isTrue();
        assertThat(m.port()).isEqualTo(8883);
        assertThat(m.version()).isEqualTo(MqttSettings.Version.V3_1_1);
        assertThat(m.clientId()).isEqualTo("console-7");
        assertThat(m.topicFilters()).containsExactly("plant/+/+/+", "sensors/+/+");
        assertThat(m.qos()).isEqualTo(2);
        assertThat(m.format()).isEqualTo(PayloadFormat.JSON);
        assertThat(m.topicPattern()).isEqualTo("plant/{ignore}/{device}/{sensor}");
        assertThat(m.cleanStart()).isTrue();
        assertThat(m.sessionExpiry()).isEqualTo(Duration.ofHours(2));
        assertThat(m.keepAlive()).isEqualTo(Duration.ofSeconds(15));
        assertThat(m.reconnectInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(m.reconnectMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(m.username()).isEqualTo("console");
        assertThat(m.password()).isEqualTo(new SecretRef(SecretRef.Kind.ENV, "PLANTWATCH_MQTT_PASSWORD", null));
        assertThat(m.tls().trustStore()).isEqualTo(dir.resolve("certs/ca.p12"));
        assertThat(m.tls().trustStorePassword().name()).isEqualTo("CA_PASSWORD");
        assertThat(m.tls().keyStore()).isEqualTo(dir.resolve("certs/client.p12"));
        assertThat(m.tls().keyStorePassword()).isEqualTo(
                new SecretRef(SecretRef.Kind.KEYSTORE, "mqtt-client", dir.resolve("secrets.p12")));
        assertThat(m.tls().verifyHostname()).isFalse();
        assertThat(conn.kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(conn.kafka().topics()).containsExactly("plant-readings");
        assertThat(conn.kafka().groupId()).isEqualTo("control-room");
        assertThat(conn.kafka().pollTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(conn.kafka().properties()).isEqualTo(
                Map.of("security.protocol", "SSL", "ssl.truststore.password", "env:KAFKA_TS_PASSWORD"));
        assertThat(c.journal()).isEqualTo(new JournalSettings(65536, Duration.ofDays(3), 2L << 30, JournalSettings.Fsync.ALWAYS));
    }

    @Test
    void minimalMqttBlockGetsTheDocumentedDefaults() throws IOException {
        MqttSettings m = load("""
                connections:
                  mode: live
                  mqtt: {url: "mqtt://localhost"}
                """).connections().mqtt();
        assertThat(m).isEqualTo(MqttSettings.defaults(java.net.URI.create("mqtt://localhost")));
        assertThat(m.port()).isEqualTo(1883);
        assertThat(m.topicFilters()).containsExactly("sensors/+/+");
        assertThat(m.qos()).isEqualTo(1);
        assertThat(m.cleanStart()).isFalse();
    }

    @Test
    void sparkplugDefaultsToTheSparkplugNamespaceAndMqttsToTheJdkCas() throws IOException {
        MqttSettings m = load("""
                connections:
                  mqtt: {url: "mqtts://broker:8884", format: sparkplug}
                """).connections().mqtt();
        assertThat(m.format()).isEqualTo(PayloadFormat.SPARKPLUG);
        assertThat(m.topicFilters()).containsExactly("spBv1.0/+/#");
        assertThat(m.port()).isEqualTo(8884);
        assertThat(m.tls()).isNotNull();
        assertThat(m.tls().trustStore()).isNull();
        assertThat(m.tls().verifyHostname()).isTrue();
    }

    @Test
    void journalAgeForeverKeepsEverythingBySizeOnly() throws IOException {
        JournalSettings j = load("journal: {retention: {age: forever, size: 500MB}, fsync: never}\n").journal();
        assertThat(j.retentionAge()).isNull();
        assertThat(j.retentionBytes()).isEqualTo(500_000_000L);
        assertThat(j.fsync()).isEqualTo(JournalSettings.Fsync.NEVER);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain password            | 'connections:\\n  mqtt:\\n    url: mqtt://h\\n    password: hunter2\\n'                 | 4 | never the secret itself
            bad scheme                | 'connections:\\n  mqtt:\\n    url: http://h:1883\\n'                                  | 3 | mqtt:// or mqtts://
            bad version               | 'connections:\\n  mqtt:\\n    url: mqtt://h\\n    version: 4\\n'                      | 4 | version must be 5 or 3.1.1
            bad qos                   | 'connections:\\n  mqtt:\\n    url: mqtt://h\\n    qos: 3\\n'                          | 4 | qos must be 0, 1 or 2
            bad format                | 'connections:\\n  mqtt:\\n    url: mqtt://h\\n    format: xml\\n'                     | 4 | format must be json or sparkplug
            unknown mqtt key          | 'connections:\\n  mqtt:\\n    url: mqtt://h\\n    keepalive: 5s\\n'                   | 4 | unknown key 'keepalive'
            live without connection   | 'connections:\\n  mode: live\\n'                                                 | 2 | neither connections.mqtt nor connections.kafka
            bad mode                  | 'connections:\\n  mode: online\\n'                                               | 2 | mode must be replay or live
            kafka secret in clear     | 'connections:\\n  kafka:\\n    bootstrapServers: k:9092\\n    topics: [t]\\n    properties: {ssl.key.password: s3cret}\\n' | 5 | holds a secret
            kafka without topics      | 'connections:\\n  kafka:\\n    bootstrapServers: k:9092\\n'                           | 2 | must name at least one topic
            bad retention size        | 'journal:\\n  retention:\\n    size: lots\\n'                                         | 3 | size 'lots'
            bad fsync                 | 'journal:\\n  fsync: sometimes\\n'                                                | 2 | fsync must be never, periodic or always
            tiny segments             | 'journal:\\n  segmentReadings: 10\\n'                                             | 2 | segmentReadings must be >= 1024
            bad tls password          | 'connections:\\n  mqtt:\\n    url: mqtts://h\\n    tls:\\n      keyStore: c.p12\\n      keyStorePassword: pw\\n' | 6 | never the secret itself
            """)
    void badBlocksNameFileLineAndProblem(String name, String yaml, int line, String problem) throws IOException {
        ConfigException e = error(yaml.replace("\\n", "\n"));
        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).contains("broken.yaml").contains(problem);
        assertThat(e.line()).as(name + ": " + e.getMessage()).isEqualTo(line);
    }

    @Test
    void withConnectionsKeepsEverythingElse() throws IOException {
        SiteConfig c = load("site: x\n");
        Connections live = new Connections(Connections.Mode.LIVE,
                MqttSettings.defaults(java.net.URI.create("mqtt://localhost:1883")), null);
        SiteConfig switched = c.withConnections(live);
        assertThat(switched.connections()).isEqualTo(live);
        assertThat(switched.tags()).isEqualTo(c.tags());
        assertThat(switched.journal()).isEqualTo(c.journal());
        assertThat(List.of(switched.file(), switched.site())).isEqualTo(List.of(c.file(), c.site()));
    }
}
