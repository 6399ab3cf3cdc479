package io.plantwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed messages through a real broker: every outcome is counted (accepted +
 * rejected = what the payloads contain), nothing crashes or stalls, and a good message sent last
 * still arrives. Complements PayloadFuzzTest (decoder only) with odd topics, which only a real
 * broker and client can deliver.
 */
class MqttFuzzIT {

    // control characters in topics make HiveMQ CE disconnect the publisher (MQTT: "should not"): not sendable
    private static final List<String> TOPICS = List.of("sensors/P-1/flow", "sensors/Gerät-ü/temp",
            "sensors/💧/level", "sensors/a b/c", "sensors/x/y/z", "sensors//empty", "sensors/" + "d".repeat(65) + "/s",
            "sensors/ok_1/v.2", "other/P-1/flow", "sensors/Ω-7/ẞ");

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void malformedPayloadsAndOddTopicsAreCountedAndIngestionContinues() {
        int messages = 3000;
        Random rnd = new Random(20261120);
        JournalSink sink = new JournalSink();
        long now = System.currentTimeMillis();
        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(dir.resolve("broker")).start();
                MqttIngest ingest = new MqttIngest(MqttTestSettings.of(broker.url(), "console-fuzz", Version.V5, 1,
                        io.plantwatch.domain.PayloadFormat.JSON, List.of("sensors/#", "other/#"), null, null, null),
                        sink, s -> {
                        }, Clock.systemUTC(), PayloadLimits.defaults())) {
            ingest.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> ingest.state().status() == Status.CONNECTED);
            Mqtt5BlockingClient device = Mqtt5Client.builder().identifier("fuzzer").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            device.connect();

            long outcomes = 0;
            for (int i = 0; i < messages; i++) {
                String topic = TOPICS.get(rnd.nextInt(TOPICS.size()));
                byte[] payload;
                int kind = rnd.nextInt(8);
                switch (kind) {
                    case 0 -> payload = randomBytes(rnd);
                    case 1 -> payload = "{\"value\": ".getBytes(StandardCharsets.UTF_8);
                    case 2 -> payload = ("{\"value\": " + rnd.nextGaussian() + ", \"timestamp\": " + now + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    case 3 -> payload = "{\"value\": 1e400}".getBytes(StandardCharsets.UTF_8);
                    case 4 -> payload = "{\"value\": \"NaN\", \"sensor\": \"\uD83D\uDCA7\"}".getBytes(
                            StandardCharsets.UTF_8);
                    case 5 -> payload = new byte[0];
                    case 6 -> payload = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]"
                            .getBytes(StandardCharsets.UTF_8);
                    default -> payload = null;
                }
                if (payload == null) {
                    // a batch of k elements, some good, some bad: k outcomes when the topic is good, else 1
                    int k = 1 + rnd.nextInt(5);
                    StringBuilder b = new StringBuilder("[");
                    for (int j = 0; j < k; j++) {
                        b.append(j == 0 ? "" : ",").append(rnd.nextBoolean() ? "{\"value\": " + j + "}" : "\"bad\"");
                    }
                    payload = b.append(']').toString().getBytes(StandardCharsets.UTF_8);
                    outcomes += goodTopic(topic) ? k : 1;
                } else {
                    outcomes += 1;
                }
                device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
            }
            long sentinelTime = now + 1;
            device.publishWith().topic("sensors/END/marker").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"value\": 42, \"timestamp\": " + sentinelTime + "}").getBytes(StandardCharsets.UTF_8))
                    .send();
            device.disconnect();
            long expectedOutcomes = outcomes + 1;

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ingest.counters().acknowledged() == messages + 1);
            MqttIngest.Counters c = ingest.counters();
            assertThat(c.readingsAccepted() + c.rejected()).isEqualTo(expectedOutcomes);
            assertThat(sink.size()).isEqualTo(c.readingsAccepted());
            assertThat(sink.rejected).hasSize((int) c.rejected());
            assertThat(c.rejected()).isGreaterThan(messages / 2);
            assertThat(c.sinkFailures()).isZero();
            assertThat(sink.readings()).last().isEqualTo(new Reading("END/marker", sentinelTime, 42, ""));
            assertThat(sink.rejected).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
            assertThat(ingest.state().status()).isEqualTo(Status.CONNECTED);
        }
    }

    private static boolean goodTopic(String topic) {
        String[] p = topic.split("/", -1);
        return p.length == 3 && p[0].equals("sensors") && p[1].matches("[A-Za-z0-9_.\\-]{1,64}")
                && p[2].matches("[A-Za-z0-9_.\\-]{1,64}");
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(64)];
        rnd.nextBytes(b);
        return b;
    }
}
