package io.plantwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.domain.ConnectionState.Status;
import io.plantwatch.domain.MqttSettings.Version;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.ingest.payload.PayloadLimits;
import io.plantwatch.streaming.SharedSpark;
import io.plantwatch.streaming.StreamingPipeline;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: JSON readings, JSON gateway batches and Sparkplug B published by real clients →
 * broker → MqttIngest → journal → Spark event-time windows. The windows must hold exactly the
 * counts and averages of what was published.
 */
class MqttToSparkIT {

    private static final long WINDOW = 10_000;

    @TempDir
    Path dir;

    /** What was published, per tag and window start: the values. */
    private final Map<String, List<Double>> expected = new TreeMap<>();

    private void expect(String tag, long t, double v) {
        expected.computeIfAbsent(tag + "@" + Math.floorDiv(t, WINDOW) * WINDOW, k -> new ArrayList<>()).add(v);
    }

    @Test
    @Timeout(300)
    void jsonBatchAndSparkplugPayloadsReachSparkWindowsWithExactCountsAndAverages() throws Exception {
        JournalSink sink = new JournalSink();
        List<WindowStats> windows = Collections.synchronizedList(new ArrayList<>());
        StreamingSettings streaming = new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ZERO, 2, 1_000_000);
        long base = Math.floorDiv(System.currentTimeMillis() - 120_000, WINDOW) * WINDOW;
        long last = base;

        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(dir.resolve("broker")).start();
                MqttIngest json = new MqttIngest(MqttTestSettings.json(broker.url(), "console-json", Version.V5, 1),
                        sink, s -> {
                        }, Clock.systemUTC(), PayloadLimits.defaults());
                MqttIngest sparkplug = new MqttIngest(MqttTestSettings.sparkplug(broker.url(), "console-spb"), sink,
                        s -> {
                        }, Clock.systemUTC(), PayloadLimits.defaults());
                StreamingPipeline pipeline = new StreamingPipeline(sink.journal, streaming, dir.resolve("checkpoint"),
                        (batchId, ws) -> windows.addAll(ws))) {
            pipeline.start(SharedSpark.session());
            json.start();
            sparkplug.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> json.state().status() == Status.CONNECTED
                    && sparkplug.state().status() == Status.CONNECTED);

            Mqtt5BlockingClient device = Mqtt5Client.builder().identifier("devices").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            device.connect();
            int published = 0;

            // JSON, one reading per message: P-101/flow every 700 ms over 3 windows
            for (int i = 0; i < 40; i++) {
                long t = base + i * 700L;
                double v = 10 + (i % 7) * 0.25;
                send(device, "sensors/P-101/flow", "{\"value\": " + v + ", \"unit\": \"L/min\", \"timestamp\": " + t + "}");
                expect("P-101/flow", t, v);
                last = Math.max(last, t);
                published++;
            }
            // JSON gateway batches: 5 batches of 12 readings of GW-1/temp
            for (int b = 0; b < 5; b++) {
                StringBuilder batch = new StringBuilder("[");
                for (int j = 0; j < 12; j++) {
                    long t = base + b * 6_000L + j * 450L;
                    double v = 20.5 + b - j * 0.125;
                    batch.append(j == 0 ? "" : ",").append("{\"value\": ").append(v).append(", \"timestamp\": ")
                            .append(t).append('}');
                    expect("GW-1/temp", t, v);
                    last = Math.max(last, t);
                    published++;
                }
                send(device, "sensors/GW-1/temp", batch.append(']').toString());
            }
            // Sparkplug B: NBIRTH with the current level, then NDATA by alias
            long seq = 0;
            send(device, "spBv1.0/Plant/NBIRTH/E1", sparkplug(seq++, base, List.of(
                    metric("bdSeq", null, MetricDataType.Int64, 0L, base),
                    metric("Tank/Level", 1L, MetricDataType.Double, 50.0, base))));
            expect("E1/Tank.Level", base, 50.0);
            published++;
            for (int i = 1; i <= 30; i++) {
                long t = base + i * 900L;
                double v = 50.0 + i * 0.5;
                send(device, "spBv1.0/Plant/NDATA/E1", sparkplug(seq++, t, List.of(
                        metric(null, 1L, MetricDataType.Double, v, t))));
                expect("E1/Tank.Level", t, v);
                last = Math.max(last, t);
                published++;
            }
            device.disconnect();

            int total = published;
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.size() == total);
            assertThat(sink.rejected).isEmpty();
            pipeline.finish(last, Duration.ofMinutes(3));
        }

        Map<String, WindowStats> byKey = new TreeMap<>();
        for (WindowStats w : windows) {
            assertThat(byKey.put(w.tag() + "@" + w.windowStartMillis(), w)).as("window emitted once").isNull();
        }
        assertThat(byKey.keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, List<Double>> e : expected.entrySet()) {
            WindowStats w = byKey.get(e.getKey());
            double mean = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(w.count()).as(e.getKey()).isEqualTo(e.getValue().size());
            assertThat(w.avg()).as(e.getKey()).isCloseTo(mean, within(1e-9));
            assertThat(w.min()).isEqualTo(e.getValue().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            assertThat(w.max()).isEqualTo(e.getValue().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
    }

    private static void send(Mqtt5BlockingClient device, String topic, String json) {
        send(device, topic, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Mqtt5BlockingClient device, String topic, byte[] payload) {
        device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
    }

    private static Metric metric(String name, Long alias, MetricDataType type, Object value, long t) throws Exception {
        return new Metric.MetricBuilder(name, type, value).alias(alias).timestamp(new Date(t)).createMetric();
    }

    private static byte[] sparkplug(long seq, long t, List<Metric> metrics) throws Exception {
        SparkplugBPayload p = new SparkplugBPayload.SparkplugBPayloadBuilder().setSeq(seq).setTimestamp(new Date(t))
                .addMetrics(metrics).createPayload();
        return new SparkplugBPayloadEncoder().getBytes(p, false);
    }
}
