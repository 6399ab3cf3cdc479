package io.plantwatch.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.config.Connections;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.domain.ConnectionTest;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.domain.TlsSettings;
import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.ui.connections.ConnectionsViewModel.Field;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionsViewModelTest {

    private static final Path SITE_DIR = Path.of("/sites/demo");

    private final StubConsoleServices services = new StubConsoleServices();
    private final ConnectionsViewModel vm = new ConnectionsViewModel(services, Runnable::run);

    @BeforeEach
    void load() {
        vm.load();
    }

    private void type(Field f, String text) {
        vm.textProperty(f).set(text);
    }

    private String error(Field f) {
        return vm.errorProperty(f).get();
    }

    @Test
    void replayOnlySiteLoadsAsReplayWithDisabledDefaultsAndIsValid() {
        assertThat(vm.modeProperty().get()).isEqualTo(Connections.Mode.REPLAY);
        assertThat(vm.mqttEnabledProperty().get()).isFalse();
        assertThat(vm.textProperty(Field.MQTT_URL).get()).isEqualTo("mqtt://localhost:1883");
        assertThat(vm.textProperty(Field.RECORDING).get()).isEqualTo("rec.csv");
        assertThat(vm.textProperty(Field.SPEED).get()).isEqualTo("20x");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.connections()).isEqualTo(Connections.REPLAY_ONLY);
        assertThat(vm.replay()).isEqualTo(new SiteConfig.ReplaySettings(SITE_DIR.resolve("rec.csv"), 20));
    }

    @Test
    void configuredSettingsLoadIntoTheFormAndBuildTheSameSettings() {
        MqttSettings mqtt = new MqttSettings(URI.create("mqtts://b:8883"), MqttSettings.Version.V3_1_1, "c1",
                List.of("spBv1.0/+/#"), 2, PayloadFormat.SPARKPLUG, null, true, Duration.ofHours(2), Duration.ofSeconds(45),
                Duration.ofMillis(500), Duration.ofMinutes(1), "console", SecretRef.parse("env:MQTT_PW", SITE_DIR),
                new TlsSettings(SITE_DIR.resolve("ca.p12"), null, SITE_DIR.resolve("client.p12"),
                        SecretRef.parse("keystore:s.p12#client", SITE_DIR), false), "host-1");
        KafkaSettings kafka = new KafkaSettings("k:9092", List.of("a", "b"), "g", null, Duration.ofMillis(250),
                Map.of("security.protocol", "SSL", "ssl.truststore.password", "env:TS"));
        services.connections = new Connections(Connections.Mode.LIVE, mqtt, kafka);

        vm.load();

        assertThat(vm.textProperty(Field.TLS_KEY_STORE_PASSWORD).get()).isEqualTo("keystore:s.p12#client");
        assertThat(vm.textProperty(Field.KAFKA_PROPERTIES).get()).isEqualTo("security.protocol=SSL\nssl.truststore.password=env:TS");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.connections()).isEqualTo(services.connections);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                    | Enter the broker's URL, e.g. mqtt://localhost:1883 or mqtts://broker:8883
            http://broker:1883    | The URL must start with mqtt:// or mqtts:// (TLS), e.g. mqtt://localhost:1883
            mqtt://               | Not a URL (Expected authority), e.g. mqtt://localhost:1883
            mqtt:broker           | The URL names no host, e.g. mqtt://localhost:1883
            'mqtt://bro ker:1883' | Not a URL (Illegal character in authority), e.g. mqtt://localhost:1883
            """)
    void invalidBrokerUrlIsExplainedNextToTheFieldAndBlocksSave(String url, String message) {
        vm.mqttEnabledProperty().set(true);
        assertThat(vm.validProperty().get()).isTrue();

        type(Field.MQTT_URL, url);

        assertThat(error(Field.MQTT_URL)).isEqualTo(message);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.mqttValidProperty().get()).isFalse();
        assertThat(vm.connections()).isNull();
    }

    @Test
    void plainPasswordIsRefusedAndAReferenceIsAccepted() {
        vm.mqttEnabledProperty().set(true);
        type(Field.MQTT_USERNAME, "console");

        type(Field.MQTT_PASSWORD, "hunter2");

        assertThat(error(Field.MQTT_PASSWORD)).startsWith("Refused: passwords are never stored in the site file.")
                .contains("env:VARIABLE").contains("keystore:FILE.p12#ALIAS").doesNotContain("hunter2");
        assertThat(vm.validProperty().get()).isFalse();

        type(Field.MQTT_PASSWORD, "env:not-a-name");
        assertThat(error(Field.MQTT_PASSWORD)).isEqualTo("'not-a-name' is not an environment variable name. "
                + "Write env:VARIABLE or keystore:FILE.p12#ALIAS.");

        type(Field.MQTT_PASSWORD, "env:PLANTWATCH_MQTT_PASSWORD");
        assertThat(error(Field.MQTT_PASSWORD)).isEmpty();
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.connections().mqtt().password()).isEqualTo(new SecretRef(SecretRef.Kind.ENV, "PLANTWATCH_MQTT_PASSWORD", null));
    }

    @Test
    void tlsFieldsNeedAnMqttsUrlAndAKeystoreNeedsItsPassword() {
        vm.mqttEnabledProperty().set(true);
        type(Field.TLS_TRUST_STORE, "ca.p12");

        assertThat(error(Field.MQTT_URL)).isEqualTo("TLS settings are filled in: use an mqtts:// URL (or clear the TLS fields)");

        type(Field.MQTT_URL, "mqtts://broker:8883");
        type(Field.TLS_KEY_STORE, "client.p12");

        assertThat(error(Field.MQTT_URL)).isEmpty();
        assertThat(error(Field.TLS_KEY_STORE_PASSWORD)).isEqualTo("tls.keyStorePassword is required with tls.keyStore.");

        type(Field.TLS_KEY_STORE_PASSWORD, "keystore:secrets.p12#client");

        assertThat(vm.validProperty().get()).isTrue();
        TlsSettings tls = vm.connections().mqtt().tls();
        assertThat(tls.trustStore()).isEqualTo(SITE_DIR.resolve("ca.p12"));
        assertThat(tls.keyStorePassword()).isEqualTo(new SecretRef(SecretRef.Kind.KEYSTORE, "client", SITE_DIR.resolve("secrets.p12")));
        assertThat(tls.verifyHostname()).isTrue();
    }

    @Test
    void fieldRulesOfTheDomainAndTheSiteFileAreApplied() {
        vm.mqttEnabledProperty().set(true);
        type(Field.MQTT_TOPICS, "sensors/#/x");
        type(Field.MQTT_CLIENT_ID, " ");
        type(Field.MQTT_SESSION_EXPIRY, "1 day");
        type(Field.SPEED, "0.5x");

        assertThat(error(Field.MQTT_TOPICS)).isEqualTo("'sensors/#/x': '#' must be a whole level and the last one, e.g. spBv1.0/#");
        assertThat(error(Field.MQTT_SESSION_EXPIRY)).isEqualTo("'1 day' is not a duration; write e.g. 500ms, 10s, 5m, 2h or 1d.");
        assertThat(error(Field.SPEED)).isEqualTo("speed '0.5x' must be a factor >= 1 (1, 10, 100) or max.");

        type(Field.MQTT_TOPICS, "sensors/+/+, spBv1.0/#");
        type(Field.MQTT_SESSION_EXPIRY, "1d");

        assertThat(error(Field.MQTT_CLIENT_ID)).isEqualTo("clientId must not be empty.");
        type(Field.MQTT_CLIENT_ID, "console-2");
        type(Field.SPEED, "max");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.connections().mqtt().topicFilters()).containsExactly("sensors/+/+", "spBv1.0/#");
        assertThat(vm.replay().speed()).isInfinite();
    }

    @Test
    void liveModeNeedsAConnectionAndReplayModeARecording() {
        vm.modeProperty().set(Connections.Mode.LIVE);

        assertThat(error(Field.MODE)).isEqualTo("Live needs a connection: enable MQTT or Kafka, or choose Replay.");
        assertThat(vm.validProperty().get()).isFalse();

        vm.kafkaEnabledProperty().set(true);
        assertThat(error(Field.MODE)).isEmpty();
        assertThat(vm.connections().kafka()).isEqualTo(KafkaSettings.defaults("localhost:9092", List.of("plant-readings")));

        type(Field.RECORDING, "");
        assertThat(vm.validProperty().get()).as("a live site need not name a recording").isTrue();
        vm.modeProperty().set(Connections.Mode.REPLAY);
        assertThat(error(Field.RECORDING)).isEqualTo("Choose the recording to replay");
    }

    @Test
    void kafkaPropertiesMustBeKeyValueAndPasswordsReferences() {
        vm.kafkaEnabledProperty().set(true);
        type(Field.KAFKA_PROPERTIES, "security.protocol=SSL\nssl.truststore.password=changeit");

        assertThat(error(Field.KAFKA_PROPERTIES)).startsWith("ssl.truststore.password: Refused: passwords are never stored");

        type(Field.KAFKA_PROPERTIES, "# TLS\nsecurity.protocol SSL");
        assertThat(error(Field.KAFKA_PROPERTIES)).isEqualTo("Line 2: write key=value, e.g. security.protocol=SSL");

        type(Field.KAFKA_PROPERTIES, "security.protocol=SSL\n\nssl.truststore.password=env:KAFKA_TS_PW");
        type(Field.KAFKA_GROUP_ID, "");
        assertThat(error(Field.KAFKA_GROUP_ID)).isEqualTo("kafka.groupId must not be empty.");
        type(Field.KAFKA_GROUP_ID, "console");
        assertThat(vm.connections().kafka().properties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SSL", "ssl.truststore.password", "env:KAFKA_TS_PW"));
    }

    @Test
    void testOutcomesArriveThroughTheCadence() {
        vm.mqttEnabledProperty().set(true);
        services.mqttTest = CompletableFuture.completedFuture(ConnectionTest.ok(17));

        vm.testMqtt();

        assertThat(vm.mqttTestResultProperty().get()).isEqualTo("Testing mqtt://localhost:1883…");
        assertThat(services.mqttTested).extracting(MqttSettings::serverUri).containsExactly(URI.create("mqtt://localhost:1883"));
        vm.refresh();
        assertThat(vm.mqttTestResultProperty().get()).isEqualTo("Connected in 17 ms");

        services.mqttTest = CompletableFuture.completedFuture(ConnectionTest.failed("connection refused: localhost:1883"));
        vm.testMqtt();
        vm.refresh();
        assertThat(vm.mqttTestResultProperty().get()).isEqualTo("Failed: connection refused: localhost:1883");

        services.mqttTest = CompletableFuture.failedFuture(new UnsupportedOperationException("wired by the lead"));
        vm.testMqtt();
        vm.refresh();
        assertThat(vm.mqttTestResultProperty().get()).isEqualTo("Test could not run: wired by the lead");
    }

    @Test
    void aLateTestOutcomeDoesNotOverwriteANewerTest() {
        vm.kafkaEnabledProperty().set(true);
        CompletableFuture<ConnectionTest> slow = new CompletableFuture<>();
        services.kafkaTest = slow;
        vm.testKafka();
        services.kafkaTest = CompletableFuture.completedFuture(ConnectionTest.ok(5));
        vm.testKafka();
        vm.refresh();
        assertThat(vm.kafkaTestResultProperty().get()).isEqualTo("Connected in 5 ms");

        slow.complete(ConnectionTest.failed("timeout"));
        vm.refresh();

        assertThat(vm.kafkaTestResultProperty().get()).isEqualTo("Connected in 5 ms");
    }

    @Test
    void saveWritesThroughTheServicesAndReportsAtTheCadence() {
        vm.modeProperty().set(Connections.Mode.LIVE);
        vm.mqttEnabledProperty().set(true);

        vm.save();

        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(services.saved).containsExactly(vm.connections());
        assertThat(services.savedReplay).containsExactly(vm.replay());
        assertThat(services.switched).isEmpty();
        vm.refresh();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Saved to site.yaml (previous version kept as site.yaml.bak).");

        vm.saveAndSwitch();
        vm.refresh();
        assertThat(services.switched).containsExactly(vm.connections());
        assertThat(vm.messageProperty().get()).endsWith(" Now live.");

        services.saveFailure = new java.io.UncheckedIOException("site.yaml could not be written: disk full", new java.io.IOException());
        vm.saveAndSwitch();
        vm.refresh();
        assertThat(vm.messageProperty().get()).isEqualTo("Not saved: site.yaml could not be written: disk full");
        assertThat(services.switched).hasSize(1);
    }

    @Test
    void invalidFormIsNeitherSavedNorTested() {
        vm.mqttEnabledProperty().set(true);
        type(Field.MQTT_URL, "tcp://x");

        vm.save();
        vm.testMqtt();

        assertThat(services.saved).isEmpty();
        assertThat(services.mqttTested).isEmpty();
    }
}
