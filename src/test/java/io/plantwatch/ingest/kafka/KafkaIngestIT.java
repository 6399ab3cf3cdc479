package io.plantwatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.payload.PayloadLimits;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.sim.DeviceSimulator;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.streaming.SharedSpark;
import io.plantwatch.streaming.StreamingPipeline;
import io.plantwatch.testsupport.KafkaBroker;
import io.plantwatch.testsupport.TestPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KafkaIngest} against a real single-node KRaft broker (child process, {@link KafkaBroker}):
 * records reach Spark's window results exactly; committed offsets make a restarted consumer resume
 * without loss or duplicates; a failing journal means no commit and a retry; connection states; the
 * device simulator's Kafka records all arrive.
 */
@Timeout(300)
class KafkaIngestIT {

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new KafkaBroker(dir.resolve("kafka")).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaSettings settings(String topic, String group) {
        return new KafkaSettings(broker.bootstrapServers(), List.of(topic), group, group, Duration.ofMillis(200),
                Map.of());
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    /** Group → committed next offset per partition. */
    private static Map<Integer, Long> committed(String group) throws Exception {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return m.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    private static Map<Integer, Long> endOffsets(String topic, int partitions) throws Exception {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetSpec> q = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                q.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(q).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    private static String json(String sensor, double value, String unit, long ts) {
        return "{\"sensor\":\"" + sensor + "\",\"value\":" + value + ",\"unit\":\"" + unit + "\",\"timestamp\":"
                + ts + "}";
    }

    @Test
    void recordsReachWindowResultsWithExactStatisticsAndBadRecordsAreRejectedWithoutBlocking() throws Exception {
        String topic = "plant-readings";
        broker.createTopic(topic, 2);
        long base = (System.currentTimeMillis() - 600_000) / 10_000 * 10_000;
        List<Reading> produced = new ArrayList<>();
        List<String> devices = List.of("P-101", "P-102", "M-301");
        try (KafkaProducer<String, String> producer = producer()) {
            // 3 devices × 2 sensors, one reading per second for 60 s → 6 windows of 10 s per tag
            for (int s = 0; s < 60; s++) {
                for (String d : devices) {
                    double flow = 30 + (s * 7 + d.hashCode() % 5) % 11 * 0.25;
                    double temp = 60 + s * 0.5;
                    produced.add(new Reading(d + "/flow", base + s * 1000L, flow, "L/min"));
                    produced.add(new Reading(d + "/temperature", base + s * 1000L + 250, temp, "degC"));
                    producer.send(new ProducerRecord<>(topic, d, json("flow", flow, "L/min", base + s * 1000L)));
                    producer.send(new ProducerRecord<>(topic, d, json("temperature", temp, "degC", base + s * 1000L + 250)));
                }
                if (s == 20) {
                    // bad records between good ones: none may block the partition
                    producer.send(new ProducerRecord<>(topic, null, json("flow", 1, "L/min", base)));
                    producer.send(new ProducerRecord<>(topic, "P-101", "{\"sensor\":\"flow\",\"value\":"));
                    producer.send(new ProducerRecord<>(topic, "P-102", "{\"sensor\":\"flow\",\"value\":\"n/a\"}"));
                    producer.send(new ProducerRecord<>(topic, "P-102", "{\"value\":1.0}"));
                }
            }
            producer.flush();
        }

        MemoryJournal journal = new MemoryJournal();
        List<RejectedReading> rejected = new CopyOnWriteArrayList<>();
        List<WindowStats> windows = Collections.synchronizedList(new ArrayList<>());
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (StreamingPipeline pipeline = new StreamingPipeline(journal, new StreamingSettings(Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ZERO, 2, 1_000_000), dir.resolve("checkpoint"),
                (batchId, ws) -> windows.addAll(ws));
                KafkaIngest ingest = new KafkaIngest(settings(topic, "console-a"),
                        ReadingSink.of(journal::append, rejected::add), states::add, Clock.systemUTC(),
                        PayloadLimits.defaults())) {
            pipeline.start(SharedSpark.session());
            ingest.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> journal.endOffset() == produced.size()
                    && rejected.size() == 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed("console-a").equals(endOffsets(topic, 2)));
            pipeline.finish(base + 60_000, Duration.ofMinutes(2));

            assertThat(ingest.counters()).isEqualTo(new KafkaIngest.Counters(produced.size() + 4, produced.size(), 4,
                    ingest.counters().commits(), 0));
            assertThat(ingest.counters().commits()).isPositive();
            assertThat(states).extracting(ConnectionState::status).startsWith(ConnectionState.Status.CONNECTING)
                    .contains(ConnectionState.Status.CONNECTED);
        }

        assertThat(rejected).allSatisfy(r -> assertThat(r.source()).matches("kafka:plant-readings/[01]@\\d+ key=.*"));
        assertThat(rejected).extracting(RejectedReading::reason).anySatisfy(r -> assertThat(r).contains("no key"))
                .anySatisfy(r -> assertThat(r).contains("not valid JSON"))
                .anySatisfy(r -> assertThat(r).contains("must be a JSON number"))
                .anySatisfy(r -> assertThat(r).contains("\"sensor\" is missing"));

        Map<String, List<Reading>> expected = new TreeMap<>();
        for (Reading r : produced) {
            expected.computeIfAbsent(r.tag() + "@" + (r.eventTimeMillis() - Math.floorMod(r.eventTimeMillis(), 10_000)),
                    k -> new ArrayList<>()).add(r);
        }
        assertThat(windows).hasSize(expected.size()).hasSize(6 * 6);
        for (WindowStats w : windows) {
            List<Reading> in = expected.get(w.tag() + "@" + w.windowStartMillis());
            assertThat(in).as("window %s at %s", w.tag(), Instant.ofEpochMilli(w.windowStartMillis())).isNotNull();
            assertThat(w.count()).isEqualTo(10).isEqualTo(in.size());
            assertThat(w.avg()).isCloseTo(in.stream().mapToDouble(Reading::value).average().orElseThrow(), within(1e-9));
            assertThat(w.min()).isEqualTo(in.stream().mapToDouble(Reading::value).min().orElseThrow());
            assertThat(w.max()).isEqualTo(in.stream().mapToDouble(Reading::value).max().orElseThrow());
        }
    }

    /** Every journal value, as a long (the test's sequence numbers). */
    private static List<Long> numbers(MemoryJournal journal) {
        List<Long> out = new ArrayList<>();
        journal.read(0, journal.endOffset(), (o, tag, t, v) -> out.add((long) v));
        return out;
    }

    private static void produceNumbers(String topic, long from, long to, long base) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (long i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, "D-" + (i % 7), json("n", i, "", base + i)));
            }
            producer.flush();
        }
    }

    @Test
    void aRestartedConsumerResumesAtTheCommittedOffsetsWithNothingLostOrDuplicated() throws Exception {
        String topic = "numbers";
        broker.createTopic(topic, 3);
        long base = System.currentTimeMillis() - 3_600_000;
        produceNumbers(topic, 0, 3000, base);
        MemoryJournal journal = new MemoryJournal();
        // a slow journal, so that close() lands in the middle of the stream
        ReadingSink slow = ReadingSink.of(r -> {
            journal.append(r);
            if (journal.endOffset() % 10 == 0) {
                sleep(1);
            }
        }, r -> {
            throw new AssertionError("unexpected rejection " + r);
        });
        KafkaIngest first = new KafkaIngest(settings(topic, "restart"), slow, s -> { }, Clock.systemUTC(),
                PayloadLimits.defaults());
        first.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> journal.endOffset() >= 500);
        first.close();
        long afterFirst = journal.endOffset();
        assertThat(afterFirst).as("closed in the middle of the stream").isLessThan(3000);
        assertThat(committed("restart").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(afterFirst);

        produceNumbers(topic, 3000, 4000, base);
        try (KafkaIngest second = new KafkaIngest(settings(topic, "restart"), slow, s -> { }, Clock.systemUTC(),
                PayloadLimits.defaults())) {
            second.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> journal.endOffset() >= 4000);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed("restart").equals(endOffsets(topic, 3)));
            assertThat(second.counters().records()).isEqualTo(4000 - afterFirst);
        }
        List<Long> got = numbers(journal);
        assertThat(got).hasSize(4000);
        assertThat(Set.copyOf(got)).isEqualTo(LongStream.range(0, 4000).boxed().collect(Collectors.toSet()));
    }

    @Test
    void whenTheJournalFailsNothingIsCommittedAndTheRecordsComeAgain() throws Exception {
        String topic = "flaky";
        broker.createTopic(topic, 1);
        long base = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "D-1", json("n", i, "", base + i)));
            }
            // offset 10: a batch of three readings; the journal fails on its second element
            producer.send(new ProducerRecord<>(topic, "D-1", "[" + json("n", 10, "", base + 10) + ","
                    + json("n", 11, "", base + 11) + "," + json("n", 12, "", base + 12) + "]"));
            for (int i = 13; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, "D-1", json("n", i, "", base + i)));
            }
            producer.flush();
        }
        MemoryJournal journal = new MemoryJournal();
        AtomicBoolean broken = new AtomicBoolean(true);
        Map<Long, Integer> attempts = new ConcurrentHashMap<>();
        ReadingSink failing = ReadingSink.of(r -> {
            attempts.merge((long) r.value(), 1, Integer::sum);
            if ((long) r.value() == 11 && broken.get()) {
                throw new IllegalStateException("disk full (test)");
            }
            journal.append(r);
        }, r -> {
            throw new AssertionError("unexpected rejection " + r);
        });
        try (KafkaIngest ingest = new KafkaIngest(settings(topic, "flaky"), failing, s -> { }, Clock.systemUTC(),
                PayloadLimits.defaults())) {
            ingest.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> ingest.counters().sinkFailures() >= 3);
            // stuck on the record at offset 10: committed up to it, never past it
            assertThat(committed("flaky")).isEqualTo(Map.of(0, 10L));
            assertThat(numbers(journal)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            broken.set(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> journal.endOffset() == 20);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed("flaky").equals(Map.of(0, 18L)));
        }
        assertThat(numbers(journal)).containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
        assertThat(attempts.get(10L)).as("element 10 was delivered once and skipped on the retries").isEqualTo(1);
        assertThat(attempts.get(11L)).isGreaterThanOrEqualTo(4);
    }

    @Test
    void connectionStatesAndConnectionTestFollowTheBrokerAndTheTopics() throws Exception {
        broker.createTopic("states", 1);
        KafkaIngest.ConnectionTest ok = KafkaIngest.testConnection(settings("states", "t"), Duration.ofSeconds(5));
        assertThat(ok.ok()).as(ok.reason()).isTrue();
        assertThat(ok.reason()).isEmpty();
        KafkaIngest.ConnectionTest missing = KafkaIngest.testConnection(settings("no-such-topic", "t"),
                Duration.ofSeconds(5));
        assertThat(missing.ok()).isFalse();
        assertThat(missing.reason()).contains("no-such-topic").contains("not found");
        KafkaIngest.ConnectionTest nobody = KafkaIngest.testConnection(new KafkaSettings("127.0.0.1:1", List.of("x"),
                "g", "g", Duration.ofMillis(100), Map.of()), Duration.ofSeconds(2));
        assertThat(nobody.ok()).isFalse();
        assertThat(nobody.reason()).contains("no answer from kafka://127.0.0.1:1");

        List<ConnectionState> missingStates = new CopyOnWriteArrayList<>();
        try (KafkaIngest ingest = new KafkaIngest(settings("no-such-topic", "m"), ReadingSink.of(r -> { }, r -> { }),
                missingStates::add, Clock.systemUTC(), PayloadLimits.defaults())) {
            ingest.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.state().status() == ConnectionState.Status.ERROR);
            assertThat(ingest.state().detail()).contains("no-such-topic not found");
        }
        assertThat(missingStates.get(missingStates.size() - 1).status()).isEqualTo(ConnectionState.Status.DISCONNECTED);

        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (KafkaIngest ingest = new KafkaIngest(settings("states", "s"), ReadingSink.of(r -> { }, r -> { }),
                states::add, Clock.systemUTC(), PayloadLimits.defaults())) {
            ingest.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.state().status() == ConnectionState.Status.CONNECTED);
            broker.stop();
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> ingest.state().status() == ConnectionState.Status.RECONNECTING);
                assertThat(ingest.state().detail()).contains("no answer");
            } finally {
                broker.start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ingest.state().status() == ConnectionState.Status.CONNECTED);
        }
        assertThat(states).extracting(ConnectionState::status).containsSubsequence(ConnectionState.Status.CONNECTING,
                ConnectionState.Status.CONNECTED, ConnectionState.Status.RECONNECTING, ConnectionState.Status.CONNECTED,
                ConnectionState.Status.DISCONNECTED);
    }

    @Test
    void everyRecordTheDeviceSimulatorProducesReachesTheJournalInOrder() throws Exception {
        String topic = "sim-readings";
        broker.createTopic(topic, 2);
        Recording rec = Recording.load(TestPaths.sample("skab-valve1-09.csv"));
        DeviceSimulator.Settings simSettings = new DeviceSimulator.Settings(DeviceSimulator.Transport.KAFKA, null,
                broker.bootstrapServers(), DeviceSimulator.Format.JSON, 1, "sensors", topic, Double.POSITIVE_INFINITY,
                false, "sim", "plantwatch");
        long before = System.currentTimeMillis();
        try (DeviceSimulator sim = new DeviceSimulator(rec, simSettings, Clock.systemUTC(), new DeviceSimulator.Listener() { })) {
            sim.start();
            assertThat(sim.done().get(60, TimeUnit.SECONDS)).isEqualTo(rec.readings().size());
            assertThat(sim.acknowledged()).isEqualTo(rec.readings().size());
        }
        long after = System.currentTimeMillis();
        MemoryJournal journal = new MemoryJournal();
        List<RejectedReading> rejected = new CopyOnWriteArrayList<>();
        try (KafkaIngest ingest = new KafkaIngest(settings(topic, "sim"), ReadingSink.of(journal::append, rejected::add),
                s -> { }, Clock.systemUTC(), PayloadLimits.defaults())) {
            ingest.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> journal.endOffset() >= rec.readings().size());
        }
        assertThat(rejected).isEmpty();
        List<String> tags = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        journal.read(0, journal.endOffset(), (o, tag, t, v) -> {
            tags.add(tag);
            values.add(v);
            assertThat(t).isBetween(before, after);
        });
        // one device → one key → one partition: the recording's order
        assertThat(tags).containsExactlyElementsOf(rec.readings().stream().map(Reading::tag).toList());
        assertThat(values).containsExactlyElementsOf(rec.readings().stream().map(Reading::value).toList());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
