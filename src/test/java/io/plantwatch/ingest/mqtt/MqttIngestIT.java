package io.plantwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.ConnectionState.Status;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.MqttSettings.Version;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.ingest.Secrets;
import io.plantwatch.ingest.payload.PayloadLimits;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MqttIngest against a real broker (HiveMQ CE in-process): delivery, persistent session, acknowledgement. */
@Timeout(120)
class MqttIngestIT {

    @TempDir
    static Path dir;
    static EmbeddedMqttBroker broker;
    static Mqtt5BlockingClient publisher;

    final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    final JournalSink sink = new JournalSink();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedMqttBroker(dir.resolve("broker")).start();
        publisher = Mqtt5Client.builder().identifier("it-publisher").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        publisher.connect();
    }

    @AfterAll
    static void stopBroker() {
        publisher.disconnect();
        broker.close();
    }

    static void publish(String topic, String payload, int qos) {
        publisher.publishWith().topic(topic).qos(MqttQos.fromCode(qos))
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    MqttIngest start(MqttSettings settings) {
        return start(settings, Secrets.fromEnvironment());
    }

    MqttIngest start(MqttSettings settings, Secrets secrets) {
        MqttIngest ingest = new MqttIngest(settings, sink, states::add, Clock.systemUTC(), PayloadLimits.defaults(),
                secrets);
        ingest.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.state().status() == Status.CONNECTED);
        return ingest;
    }

    @Test
    void jsonReadingsAndGatewayBatchesReachTheJournalAndEveryMessageIsAcknowledged() {
        long t = System.currentTimeMillis() - 1000;
        try (MqttIngest ingest = start(MqttTestSettings.json(broker.url(), "console-json", Version.V5, 1))) {
            publish("sensors/P-101/flow", "{\"value\": 12.5, \"unit\": \"L/min\", \"timestamp\": " + t + "}", 1);
            publish("sensors/P-101/flow", "[{\"value\": 1, \"timestamp\": " + (t + 1) + "},"
                    + " {\"value\": 2, \"timestamp\": " + (t + 2) + "}, {\"value\": \"n/a\"}]", 1);
            publish("sensors/P-101/flow", "not json", 1);
            publish("sensors/T-1/temp", "{\"value\": -3.5, \"timestamp\": " + t + "}", 0);

            await().until(() -> ingest.counters().acknowledged() == 4);
            assertThat(sink.readings()).containsExactly(
                    new Reading("P-101/flow", t, 12.5, ""), new Reading("P-101/flow", t + 1, 1, ""),
                    new Reading("P-101/flow", t + 2, 2, ""), new Reading("T-1/temp", t, -3.5, ""));
            assertThat(sink.rejected).extracting(RejectedReading::reason).containsExactly(
                    "element 2: \"value\" must be a JSON number, found a string \"n/a\" (send numbers unquoted)",
                    sink.rejected.get(1).reason());
            assertThat(sink.rejected.get(1).reason()).startsWith("payload is not valid JSON");
            MqttIngest.Counters c = ingest.counters();
            assertThat(c.messagesReceived()).isEqualTo(4);
            assertThat(c.readingsAccepted()).isEqualTo(4);
            assertThat(c.rejected()).isEqualTo(2);
            assertThat(c.sinkFailures()).isZero();
        }
        assertThat(states).extracting(ConnectionState::status)
                .containsSubsequence(Status.CONNECTING, Status.CONNECTED, Status.DISCONNECTED);
        assertThat(states.get(1).detail()).isEqualTo("new session, subscribed to sensors/+/+ at QoS 1");
        assertThat(states.get(1).connection()).isEqualTo("mqtt://127.0.0.1:" + broker.port());
    }

    /** The console is away while a device publishes; the broker queues for its session. */
    @ParameterizedTest
    @EnumSource(Version.class)
    void qos1MessagesPublishedWhileTheConsoleIsAwayArriveAfterItReconnects(Version version) {
        int n = 2000;
        String clientId = "console-away-" + version;
        String topic = "sensors/away-" + version + "/level";
        MqttSettings settings = MqttTestSettings.json(broker.url(), clientId, version, 1);
        start(settings).close(); // creates the persistent session and its subscription

        long t = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < n; i++) {
            publish(topic, "{\"value\": " + i + ", \"timestamp\": " + (t + i) + "}", 1);
        }
        try (MqttIngest ingest = start(settings)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.size() >= n);
            await().until(() -> ingest.counters().acknowledged() == n);
            assertThat(states).anySatisfy(s -> assertThat(s.detail()).startsWith("session resumed"));
        }
        List<Double> values = sink.readings().stream().map(Reading::value).toList();
        assertThat(values).as("0 lost, 0 duplicates, in order")
                .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> (double) i).toList());
    }

    @Test
    void aJournalWriteFailurePausesIngestionAndRetriesTheSameMessageWithoutLossOrDuplicates() {
        int n = 20;
        sink.failOnce = r -> r.value() == 7;
        long t = System.currentTimeMillis() - 60_000;
        try (MqttIngest ingest = start(MqttTestSettings.json(broker.url(), "console-fail", Version.V5, 1))) {
            for (int i = 0; i < n; i++) {
                publish("sensors/F-1/flow", "{\"value\": " + i + ", \"timestamp\": " + (t + i) + "}", 1);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.counters().acknowledged() == n);
            MqttIngest.Counters c = ingest.counters();
            assertThat(c.sinkFailures()).isEqualTo(1);
            assertThat(c.connects()).isEqualTo(1);
            assertThat(ingest.state().status()).isEqualTo(Status.CONNECTED);
        }
        assertThat(sink.readings()).extracting(Reading::value)
                .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> (double) i).toList());
        assertThat(states).anySatisfy(s -> {
            assertThat(s.status()).isEqualTo(Status.ERROR);
            assertThat(s.detail()).startsWith("journal write failed (IllegalStateException: simulated journal write"
                    + " failure); ingestion paused, message not acknowledged; next attempt in");
        });
    }

    /** The journal stays broken until the console is closed: the unacknowledged messages come again next start. */
    @Test
    void messagesNotInTheJournalAtCloseAreRedeliveredByTheBrokerOnTheNextStart() {
        int n = 20;
        sink.failAlways = r -> r.value() == 7;
        long t = System.currentTimeMillis() - 60_000;
        MqttSettings settings = MqttTestSettings.json(broker.url(), "console-outage", Version.V5, 1);
        try (MqttIngest ingest = start(settings)) {
            for (int i = 0; i < n; i++) {
                publish("sensors/F-2/flow", "{\"value\": " + i + ", \"timestamp\": " + (t + i) + "}", 1);
            }
            // the broker stops sending once a few are unacknowledged; the rest waits in the session's queue
            await().until(() -> ingest.counters().sinkFailures() >= 2);
            assertThat(ingest.counters().acknowledged()).isEqualTo(7);
            assertThat(ingest.state().status()).isEqualTo(Status.ERROR);
        }
        assertThat(sink.size()).isEqualTo(7);
        sink.failAlways = r -> false;
        try (MqttIngest ingest = start(settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.counters().acknowledged() == n - 7);
        }
        assertThat(sink.readings()).extracting(Reading::value)
                .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> (double) i).toList());
    }

    @Test
    void theQos2PathDeliversExactlyOnce() {
        try (MqttIngest ingest = start(MqttTestSettings.json(broker.url(), "console-qos2", Version.V5, 2))) {
            long t = System.currentTimeMillis() - 1000;
            for (int i = 0; i < 100; i++) {
                publish("sensors/Q-2/flow", "{\"value\": " + i + ", \"timestamp\": " + t + "}", 2);
            }
            await().until(() -> ingest.counters().acknowledged() == 100);
        }
        assertThat(sink.readings()).extracting(Reading::value)
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> (double) i).toList());
    }

    @Test
    void testConnectionReportsRoundTripOrAReadableReason() {
        MqttIngest.ConnectionTest ok = MqttIngest.testConnection(
                MqttTestSettings.json(broker.url(), "console-test", Version.V5, 1), Duration.ofSeconds(10));
        assertThat(ok.ok()).isTrue();
        assertThat(ok.roundTripMillis()).isGreaterThanOrEqualTo(0);
        assertThat(ok.reason()).isEmpty();

        int closedPort = broker.port() + 1 == broker.tlsPort() ? broker.port() + 2 : broker.port() + 1;
        MqttIngest.ConnectionTest refused = MqttIngest.testConnection(
                MqttTestSettings.json("mqtt://127.0.0.1:" + closedPort, "c", Version.V5, 1), Duration.ofSeconds(10));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.reason()).startsWith("cannot reach mqtt://127.0.0.1:" + closedPort + ": ")
                .endsWith("(is the broker running and the port right?)");

        MqttIngest.ConnectionTest unknown = MqttIngest.testConnection(
                MqttTestSettings.json("mqtt://no-such-host.invalid:1883", "c", Version.V5, 1), Duration.ofSeconds(10));
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.reason()).isEqualTo("unknown host in mqtt://no-such-host.invalid:1883 (check the MQTT URL"
                + " and DNS)");

        MqttIngest.ConnectionTest noSecret = MqttIngest.testConnection(MqttTestSettings.of(broker.url(), "c",
                Version.V5, 1, PayloadFormat.JSON, List.of("sensors/+/+"), "u",
                SecretRef.parse("env:PLANTWATCH_TEST_NOT_SET", null), null), Duration.ofSeconds(10),
                new Secrets(Map.<String, String>of()::get));
        assertThat(noSecret.reason()).isEqualTo("mqtt.password: environment variable PLANTWATCH_TEST_NOT_SET is not"
                + " set (needed for secret env:PLANTWATCH_TEST_NOT_SET)");
    }

    @Test
    void anUnknownHostIsAnErrorStateWithTheReasonAndRetriesUntilClosed() {
        MqttIngest ingest = new MqttIngest(MqttTestSettings.json("mqtt://no-such-host.invalid", "c", Version.V5, 1),
                sink, states::add, Clock.systemUTC(), PayloadLimits.defaults());
        ingest.start();
        await().until(() -> states.stream().filter(s -> s.status() == Status.ERROR).count() >= 2);
        ingest.close();
        assertThat(states.get(0).status()).isEqualTo(Status.CONNECTING);
        assertThat(states.get(1).status()).isEqualTo(Status.ERROR);
        assertThat(states.get(1).detail()).startsWith("unknown host in mqtt://no-such-host.invalid:1883 (check the"
                + " MQTT URL and DNS); next attempt in 1.0 s");
        assertThat(ingest.state().status()).isEqualTo(Status.DISCONNECTED);
    }

    /** Credentials: the password comes from a PKCS#12 keystore written by keytool -importpass. */
    @Test
    void credentialsFromAKeystoreAreAcceptedAndWrongOnesAreAnErrorWithTheConnackReason(@TempDir Path tmp)
            throws Exception {
        Path keystore = tmp.resolve("secrets.p12");
        importPass(keystore, "mqtt-password", "s3cret-7", "store-pw");
        Secrets secrets = new Secrets(Map.of(SecretRef.KEYSTORE_PASSWORD_ENV, "store-pw")::get);
        try (EmbeddedMqttBroker secured = new EmbeddedMqttBroker(tmp.resolve("secured"))
                .requireCredentials("plant", "s3cret-7").start()) {
            MqttSettings good = MqttTestSettings.of(secured.url(), "console-auth", Version.V5, 1, PayloadFormat.JSON,
                    List.of("sensors/+/+"), "plant", SecretRef.parse("keystore:secrets.p12#mqtt-password", tmp), null);
            start(good, secrets).close();
            assertThat(MqttIngest.testConnection(good, Duration.ofSeconds(10), secrets).ok()).isTrue();

            MqttSettings bad = MqttTestSettings.of(secured.url(), "console-auth-bad", Version.V3_1_1, 1,
                    PayloadFormat.JSON, List.of("sensors/+/+"), "plant", SecretRef.parse("env:MQTT_PW", null), null);
            Secrets wrong = new Secrets(Map.of("MQTT_PW", "guess")::get);
            states.clear();
            try (MqttIngest ingest = new MqttIngest(bad, sink, states::add, Clock.systemUTC(), PayloadLimits.defaults(),
                    wrong)) {
                ingest.start();
                await().until(() -> ingest.state().status() == Status.ERROR);
                assertThat(ingest.state().detail()).startsWith("broker refused the connection: BAD_USER_NAME_OR_PASSWORD;"
                        + " check mqtt.username and the password secret; next attempt in 1.0 s");
            }
            MqttIngest.ConnectionTest v5 = MqttIngest.testConnection(MqttTestSettings.of(secured.url(), "x",
                    Version.V5, 1, PayloadFormat.JSON, List.of("sensors/+/+"), "plant",
                    SecretRef.parse("env:MQTT_PW", null), null), Duration.ofSeconds(10), wrong);
            assertThat(v5.reason()).isEqualTo("broker refused the connection: BAD_USER_NAME_OR_PASSWORD"
                    + " (wrong credentials); check mqtt.username and the password secret");
        }
    }

    /** {@code keytool -importpass}: stores a password as a secret-key entry (what operators are told to do). */
    static void importPass(Path keystore, String alias, String secret, String storePassword)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-importpass", "-alias", alias, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", storePassword).redirectErrorStream(true).start();
        p.getOutputStream().write((secret + "\n" + secret + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }
}
