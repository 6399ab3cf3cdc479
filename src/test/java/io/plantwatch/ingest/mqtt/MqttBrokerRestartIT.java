package io.plantwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.ConnectionState.Status;
import io.plantwatch.domain.MqttSettings.Version;
import io.plantwatch.domain.Reading;
import io.plantwatch.ingest.payload.PayloadLimits;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker is stopped and restarted (same data folder) while a device publishes a numbered
 * sequence: the console reconnects by itself and nothing is lost. The publisher is a real device-like
 * client with its own persistent session that retries whatever the broker did not acknowledge.
 */
@Timeout(240)
class MqttBrokerRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBrokerRestartIT.class);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {1, 2})
    void theConsoleReconnectsAfterABrokerRestartAndLosesNothing(int qos) throws Exception {
        int n = 3000;
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        JournalSink sink = new JournalSink();
        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(dir.resolve("broker")).start();
                MqttIngest ingest = new MqttIngest(
                        MqttTestSettings.json(broker.url(), "console-restart-" + qos, Version.V5, qos), sink,
                        states::add, Clock.systemUTC(), PayloadLimits.defaults())) {
            ingest.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> ingest.state().status() == Status.CONNECTED);

            Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("device-restart-" + qos)
                    .serverHost("127.0.0.1").serverPort(broker.port())
                    .automaticReconnect().initialDelay(50, TimeUnit.MILLISECONDS).maxDelay(500, TimeUnit.MILLISECONDS)
                    .applyAutomaticReconnect()
                    .buildAsync();
            device.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().get(10, TimeUnit.SECONDS);

            long t0 = System.currentTimeMillis() - 60_000;
            Thread publisher = new Thread(() -> publishAll(device, n, qos, t0), "device-publisher");
            publisher.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> sink.size() >= n / 3);
            long beforeStop = System.nanoTime();
            broker.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> ingest.state().status() == Status.RECONNECTING);
            broker.start();
            long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeStop);
            await().atMost(Duration.ofSeconds(60)).until(() -> ingest.state().status() == Status.CONNECTED);
            long reconnectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeStop);

            publisher.join(120_000);
            assertThat(publisher.isAlive()).isFalse();
            await().atMost(Duration.ofSeconds(60)).until(() -> distinct(sink).size() == n);
            device.disconnect().get(10, TimeUnit.SECONDS);

            TreeMap<Double, Integer> counts = distinct(sink);
            long duplicates = sink.size() - n;
            LOG.info("QoS {}: {} numbers, {} duplicates in the journal, broker down→up {} ms, console connected again"
                    + " after {} ms, {} connects", qos, n, duplicates, restartMillis, reconnectMillis,
                    ingest.counters().connects());
            assertThat(counts.keySet()).as("0 lost").hasSize(n);
            assertThat(counts.firstKey()).isEqualTo(0.0);
            assertThat(counts.lastKey()).isEqualTo(n - 1.0);
            // With manual acknowledgement the client sends PUBACK (QoS 1) or PUBREC (QoS 2) only once the
            // readings are journalled, so a message delivered but not yet acknowledged when the broker went
            // down is delivered again after the reconnect, at QoS 2 as well (seen: 1 in 3000, every run).
            // Exactly once is the journal's job: the console's duplicate filter (PlantWatchContext's live
            // sink, DuplicateFilter on tag, event time and value) journals each reading once.
            io.plantwatch.journal.DuplicateFilter filter = new io.plantwatch.journal.DuplicateFilter(1 << 16);
            long once = sink.readings().stream().filter(r -> !filter.seen(r.tag(), r.eventTimeMillis(), r.value())).count();
            assertThat(once).as("QoS %d: every number journalled once after the duplicate filter", qos).isEqualTo(n);
            assertThat(ingest.counters().connects()).isGreaterThanOrEqualTo(2);
            assertThat(states).extracting(ConnectionState::status)
                    .containsSubsequence(Status.CONNECTED, Status.RECONNECTING, Status.CONNECTED);
        }
    }

    /** Every number once, in order; a publish that fails while the broker is down is retried until acknowledged. */
    private static void publishAll(Mqtt5AsyncClient device, int n, int qos, long t0) {
        for (int i = 0; i < n; i++) {
            byte[] payload = ("{\"value\": " + i + ", \"timestamp\": " + (t0 + i) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            while (true) {
                try {
                    CompletableFuture<?> f = device.publishWith().topic("sensors/R-1/seq").qos(MqttQos.fromCode(qos))
                            .payload(payload).send();
                    f.get(30, TimeUnit.SECONDS);
                    break;
                } catch (Exception e) {
                    // broker down: the client is reconnecting; publish again (QoS allows the duplicate)
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /**
     * With clean start, a reconnect begins a new session, and the HiveMQ client drops the publish
     * flows of the old one: the ingest must register its callback again, or every later message is
     * acknowledged by the client and lost ("No publish flow registered"; seen with mosquitto).
     */
    @org.junit.jupiter.api.Test
    void aCleanStartConsoleStillReceivesAfterReconnecting() throws Exception {
        JournalSink sink = new JournalSink();
        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(dir.resolve("broker-clean")).start()) {
            var settings = MqttTestSettings.json(broker.url(), "console-clean", Version.V5, 1)
                    .withSession("console-clean", true, Duration.ZERO);
            try (MqttIngest ingest = new MqttIngest(settings, sink, s -> { }, Clock.systemUTC(), PayloadLimits.defaults())) {
                ingest.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> ingest.state().status() == Status.CONNECTED);
                broker.stop();
                await().atMost(Duration.ofSeconds(20)).until(() -> ingest.state().status() != Status.CONNECTED);
                broker.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> ingest.state().status() == Status.CONNECTED);
                Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("device-clean").serverHost("127.0.0.1")
                        .serverPort(broker.port()).buildAsync();
                device.connect().get(10, TimeUnit.SECONDS);
                long t0 = System.currentTimeMillis() - 1_000;
                for (int i = 0; i < 10; i++) {
                    device.publishWith().topic("sensors/P-101/flow").qos(MqttQos.AT_LEAST_ONCE)
                            .payload(("{\"value\":" + i + ",\"timestamp\":" + (t0 + i) + "}").getBytes(StandardCharsets.UTF_8))
                            .send().get(10, TimeUnit.SECONDS);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> distinct(sink).size() == 10);
                device.disconnect().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static TreeMap<Double, Integer> distinct(JournalSink sink) {
        TreeMap<Double, Integer> counts = new TreeMap<>();
        for (Reading r : sink.readings()) {
            counts.merge(r.value(), 1, Integer::sum);
        }
        return counts;
    }
}
