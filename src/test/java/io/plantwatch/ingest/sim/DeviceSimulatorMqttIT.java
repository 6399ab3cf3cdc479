package io.plantwatch.ingest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagId;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import io.plantwatch.testsupport.TestPaths;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device simulator against a real MQTT broker (HiveMQ CE, embedded): a plain subscriber sees exactly
 * the recording, as JSON per device/sensor topic or as Sparkplug B decoded with Tahu.
 */
@Timeout(120)
class DeviceSimulatorMqttIT {

    private static final Path SAMPLE = TestPaths.sample("skab-valve1-09.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static EmbeddedMqttBroker broker;

    /** A message as received. */
    record Received(String topic, byte[] payload) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedMqttBroker(dir.resolve("hivemq")).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void disconnect() {
        clients.forEach(c -> c.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join());
    }

    private Mqtt5AsyncClient subscriber(String filter) {
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("test-sub-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        c.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new Received(p.getTopic().toString(),
                p.getPayloadAsBytes())));
        c.connect().join();
        c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().join();
        clients.add(c);
        return c;
    }

    private static DeviceSimulator.Settings mqtt() {
        return DeviceSimulator.Settings.mqtt(URI.create(broker.url()));
    }

    /** Two devices, two sensors each, four instants 2 s apart. */
    private static Recording small() throws Exception {
        Path f = dir.resolve("small.csv");
        StringBuilder csv = new StringBuilder("timestamp,device,sensor,value,unit\n");
        for (int i = 0; i < 4; i++) {
            String ts = Instant.parse("2020-03-09T10:00:00Z").plusSeconds(2L * i).toString();
            csv.append(ts).append(",P-1,flow,").append(30 + i * 0.5).append(",L/min\n");
            csv.append(ts).append(",P-1,temperature,").append(60 + i).append(",degC\n");
            csv.append(ts).append(",P-2,flow,").append(10 + i * 0.25).append(",L/min\n");
            csv.append(ts).append(",P-2,pressure,").append(1.5 + i * 0.125).append(",bar\n");
        }
        Files.writeString(f, csv);
        return Recording.load(f);
    }

    @Test
    void jsonDevicesPublishExactlyTheRecordingOnePerDeviceSensorTopic() throws Exception {
        Recording rec = Recording.load(SAMPLE);
        subscriber("sensors/#");
        long before = System.currentTimeMillis();
        try (DeviceSimulator sim = new DeviceSimulator(rec, mqtt().withSpeed(Double.POSITIVE_INFINITY, false),
                Clock.systemUTC(), new DeviceSimulator.Listener() { })) {
            sim.start();
            assertThat(sim.done().get(60, TimeUnit.SECONDS)).isEqualTo(rec.readings().size());
            assertThat(sim.acknowledged()).isEqualTo(rec.readings().size());
        }
        long after = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= rec.readings().size());
        assertThat(received).hasSize(rec.readings().size());

        Map<String, List<Double>> expected = new LinkedHashMap<>();
        for (Reading r : rec.readings()) {
            expected.computeIfAbsent("sensors/" + TagId.device(r.tag()) + "/" + TagId.sensor(r.tag()),
                    k -> new ArrayList<>()).add(r.value());
        }
        Map<String, List<Double>> got = new LinkedHashMap<>();
        for (Received m : received) {
            JsonNode o = JSON.readTree(m.payload());
            got.computeIfAbsent(m.topic(), k -> new ArrayList<>()).add(o.get("value").doubleValue());
            assertThat(o.get("unit").textValue()).isNotEmpty();
            long ts = Instant.parse(o.get("timestamp").textValue()).toEpochMilli();
            assertThat(ts).isBetween(before, after);
            assertThat(o.has("sensor")).isFalse();
        }
        assertThat(got).isEqualTo(expected);
        assertThat(got.keySet()).contains("sensors/P-101/flow", "sensors/P-101/motor_current");
    }

    @Test
    void pacedTimestampsStartNowWithTheRecordingsSpacingDividedByTheSpeedAndCommandsAreReceived() throws Exception {
        Recording rec = small();
        Mqtt5AsyncClient sub = subscriber("sensors/#");
        List<String> commands = new CopyOnWriteArrayList<>();
        long before = System.currentTimeMillis();
        try (DeviceSimulator sim = new DeviceSimulator(rec, mqtt().withSpeed(10, false), Clock.systemUTC(),
                new DeviceSimulator.Listener() {
                    @Override
                    public void onCommand(String topic, byte[] payload) {
                        commands.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
                    }
                })) {
            sim.start();
            sub.publishWith().topic("commands/P-2/setpoint").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"value\":12.5}".getBytes(StandardCharsets.UTF_8)).send().join();
            assertThat(sim.done().get(30, TimeUnit.SECONDS)).isEqualTo(16);
            await().atMost(Duration.ofSeconds(10)).until(() -> !commands.isEmpty());
        }
        assertThat(commands).containsExactly("commands/P-2/setpoint {\"value\":12.5}");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 16);
        List<Long> p1flow = new ArrayList<>();
        for (Received m : received) {
            if (m.topic().equals("sensors/P-1/flow")) {
                p1flow.add(Instant.parse(JSON.readTree(m.payload()).get("timestamp").textValue()).toEpochMilli());
            }
        }
        assertThat(p1flow).hasSize(4);
        assertThat(p1flow.get(0)).isBetween(before, before + 2000);
        // 2 s apart in the recording, at 10x → 200 ms apart
        assertThat(p1flow).containsExactly(p1flow.get(0), p1flow.get(0) + 200, p1flow.get(0) + 400, p1flow.get(0) + 600);
    }

    private static SparkplugBPayload decode(byte[] b) throws Exception {
        return new SparkplugBPayloadDecoder().buildFromByteArray(b, null);
    }

    private static Metric named(SparkplugBPayload p, String name) {
        return p.getMetrics().stream().filter(m -> name.equals(m.getName())).findFirst().orElseThrow();
    }

    @Test
    void sparkplugEdgeNodeBirthsThenSendsDataByAliasWithWrappingSequenceNumbers() throws Exception {
        Recording rec = Recording.load(SAMPLE);
        subscriber("spBv1.0/#");
        long ddata;
        try (DeviceSimulator sim = new DeviceSimulator(rec, mqtt().withFormat(DeviceSimulator.Format.SPARKPLUG)
                .withSpeed(Double.POSITIVE_INFINITY, false), Clock.systemUTC(), new DeviceSimulator.Listener() { })) {
            sim.start();
            ddata = sim.done().get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= ddata + 2);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= ddata + 3);
        assertThat(received.get(0).topic()).isEqualTo("spBv1.0/plantwatch/NBIRTH/plantwatch-sim");
        SparkplugBPayload nbirth = decode(received.get(0).payload());
        assertThat(nbirth.getSeq()).isZero();
        long bdSeq = (Long) named(nbirth, "bdSeq").getValue();
        assertThat(named(nbirth, "Node Control/Rebirth").getValue()).isEqualTo(false);

        assertThat(received.get(1).topic()).isEqualTo("spBv1.0/plantwatch/DBIRTH/plantwatch-sim/P-101");
        SparkplugBPayload dbirth = decode(received.get(1).payload());
        assertThat(dbirth.getSeq()).isEqualTo(1);
        Map<Long, String> sensorByAlias = new LinkedHashMap<>();
        for (Metric m : dbirth.getMetrics()) {
            assertThat(m.getDataType()).isEqualTo(MetricDataType.Double);
            assertThat(m.getProperties().getPropertyValue("engUnit").getValue()).isNotNull();
            sensorByAlias.put(m.getAlias(), m.getName());
        }
        assertThat(sensorByAlias).hasSize(8).containsValue("flow");
        assertThat(named(dbirth, "flow").getProperties().getPropertyValue("engUnit").getValue()).isEqualTo("L/min");

        // DDATA: values by alias, in recording order; seq continues from the DBIRTH and wraps at 255
        List<Double> values = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        long expectedSeq = 2;
        for (Received m : received.subList(2, (int) ddata + 2)) {
            assertThat(m.topic()).isEqualTo("spBv1.0/plantwatch/DDATA/plantwatch-sim/P-101");
            SparkplugBPayload p = decode(m.payload());
            assertThat(p.getSeq()).isEqualTo(expectedSeq);
            expectedSeq = (expectedSeq + 1) % 256;
            for (Metric x : p.getMetrics()) {
                assertThat(x.hasName()).isFalse();
                assertThat(x.getTimestamp()).isEqualTo(p.getTimestamp());
                tags.add("P-101/" + sensorByAlias.get(x.getAlias()));
                values.add((Double) x.getValue());
            }
        }
        assertThat(ddata).isGreaterThan(256);
        assertThat(values).containsExactlyElementsOf(rec.readings().stream().map(Reading::value).toList());
        assertThat(tags).containsExactlyElementsOf(rec.readings().stream().map(Reading::tag).toList());

        Received death = received.get((int) ddata + 2);
        assertThat(death.topic()).isEqualTo("spBv1.0/plantwatch/NDEATH/plantwatch-sim");
        assertThat(named(decode(death.payload()), "bdSeq").getValue()).isEqualTo(bdSeq);
    }

    @Test
    void anNcmdRebirthMakesTheEdgeNodeBirthAgain() throws Exception {
        Recording rec = small();
        Mqtt5AsyncClient host = subscriber("spBv1.0/#");
        try (DeviceSimulator sim = new DeviceSimulator(rec, mqtt().withFormat(DeviceSimulator.Format.SPARKPLUG)
                .withSpeed(4, true), Clock.systemUTC(), new DeviceSimulator.Listener() { })) {
            sim.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(m -> m.topic().contains("/DDATA/")));
            SparkplugBPayload ncmd = new SparkplugBPayload(new java.util.Date(), List.of(
                    new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, true).createMetric()), null);
            host.publishWith().topic("spBv1.0/plantwatch/NCMD/plantwatch-sim").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new SparkplugBPayloadEncoder().getBytes(ncmd, false)).send().join();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                    .filter(m -> m.topic().contains("/NBIRTH/")).count() == 2
                    && received.stream().filter(m -> m.topic().contains("/DBIRTH/")).count() == 4);
        }
        List<String> births = received.stream().map(Received::topic).filter(t -> t.contains("BIRTH")).toList();
        assertThat(births).containsExactly("spBv1.0/plantwatch/NBIRTH/plantwatch-sim",
                "spBv1.0/plantwatch/DBIRTH/plantwatch-sim/P-1", "spBv1.0/plantwatch/DBIRTH/plantwatch-sim/P-2",
                "spBv1.0/plantwatch/NBIRTH/plantwatch-sim",
                "spBv1.0/plantwatch/DBIRTH/plantwatch-sim/P-1", "spBv1.0/plantwatch/DBIRTH/plantwatch-sim/P-2");
        int second = -1;
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i).topic().contains("/NBIRTH/")) {
                second = i;
            }
        }
        SparkplugBPayload rebirth = decode(received.get(second).payload());
        assertThat(rebirth.getSeq()).isZero();
        assertThat(named(rebirth, "bdSeq").getValue()).isEqualTo(named(decode(received.get(0).payload()), "bdSeq").getValue());
        // the DBIRTH after a rebirth carries the current values, with the same aliases
        SparkplugBPayload first = decode(received.get(1).payload());
        SparkplugBPayload again = decode(received.get(second + 1).payload());
        assertThat(again.getMetrics()).extracting(Metric::getName, Metric::getAlias)
                .containsExactlyElementsOf(first.getMetrics().stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.getName(), m.getAlias())).toList());
    }
}
