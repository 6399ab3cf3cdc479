package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.domain.JournalSettings;
import io.plantwatch.journal.SegmentJournal;
import io.plantwatch.testsupport.ChildJvm;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "console killed mid-stream and restarted → journal and Spark resume with every
 * reading counted once", end to end: a real broker (HiveMQ CE in this JVM), the real console
 * ({@code plantwatch live} in a child JVM, durable journal, Spark), a device publishing a numbered
 * QoS 1 sequence throughout, a SIGKILL of the console mid-stream and a restart on the same data
 * directory. Afterwards the journal holds every published reading exactly once, and every window
 * Spark delivered across both runs appears once with the exact count of its readings.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LiveRestartIT {

    private static final int TAGS = 3;
    private static final int PER_TAG = 1500;
    private static final long STEP_MS = 40;           // event-time spacing per tag
    private static final long WINDOW_MS = 2_000;

    @TempDir
    Path dir;

    @Test
    void consoleKilledMidStreamResumesWithEveryReadingCountedOnce() throws Exception {
        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(dir.resolve("broker")).start()) {
            Path site = dir.resolve("site.yaml");
            Files.writeString(site, """
                    site: restart test
                    streaming: {window: 2s, watermark: 1s, trigger: 200ms, shufflePartitions: 1}
                    connections:
                      mode: live
                      mqtt: {url: "%s", clientId: console-under-test, qos: 1, sessionExpiry: 1h}
                    tags:
                      - tag: D-1/s0
                        unit: bar
                        range: [0, 100000]
                        limits: {HI: {value: 99999, priority: 3}}
                    """.formatted(broker.url()));
            Path data = dir.resolve("data");
            Path report = dir.resolve("report.json");
            Path windows = dir.resolve("windows.csv");
            String[] args = {"live", "--config", site.toString(), "--data-dir", data.toString(), "--status-every", "500ms",
                    "--report", report.toString(), "--windows", windows.toString()};

            // aligned to the window, so that the sequence fills whole windows (PER_TAG × STEP_MS is a multiple of WINDOW_MS)
            long t0 = (System.currentTimeMillis() - 90_000) / WINDOW_MS * WINDOW_MS;
            long sequenceEnd = t0 + PER_TAG * STEP_MS;
            int total = TAGS * PER_TAG;
            Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("device-D-1").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildAsync();
            device.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();

            ChildJvm console = ChildJvm.start("console-1", "1g", Main.class, args);
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> connected(report));

                // the device publishes throughout; the console is killed once a third is journalled and Spark delivered windows
                List<CompletableFuture<?>> acks = new ArrayList<>();
                int killAt = total / 3;
                boolean killed = false;
                for (int i = 0; i < PER_TAG; i++) {
                    for (int t = 0; t < TAGS; t++) {
                        int n = i * TAGS + t;
                        String payload = "{\"value\":" + n + ",\"timestamp\":" + (t0 + i * STEP_MS) + "}";
                        acks.add(device.publishWith().topic("sensors/D-1/s" + t).qos(MqttQos.AT_LEAST_ONCE)
                                .payload(payload.getBytes(StandardCharsets.UTF_8)).send());
                    }
                    Thread.sleep(2);
                    if (!killed && i * TAGS >= killAt) {
                        await().atMost(Duration.ofMinutes(2)).until(() -> journalled(report) >= killAt / 2 && windowsIn(windows) > 0);
                        console.kill();
                        killed = true;
                        console = ChildJvm.start("console-2", "1g", Main.class, args);
                    }
                }
                // a last reading per tag far enough ahead to close every window of the sequence
                long closeAt = t0 + PER_TAG * STEP_MS + 5 * WINDOW_MS;
                for (int t = 0; t < TAGS; t++) {
                    acks.add(device.publishWith().topic("sensors/D-1/s" + t).qos(MqttQos.AT_LEAST_ONCE)
                            .payload(("{\"value\":-1,\"timestamp\":" + closeAt + "}").getBytes(StandardCharsets.UTF_8)).send());
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                await().atMost(Duration.ofMinutes(3)).until(() -> journalled(report) == total + TAGS);
                // let Spark deliver every window up to the sequence's end
                await().atMost(Duration.ofMinutes(2)).until(() -> deliveredCount(windows, sequenceEnd) == total);
                // SIGTERM: an orderly shutdown (the JVM reports 143 = 128 + SIGTERM)
                assertThat(console.terminate(90)).isEqualTo(143);
                assertThat(console.lines()).anyMatch(l -> l.startsWith("live: ") && l.contains("journal end " + (total + TAGS)));
            } finally {
                console.close();
            }
            device.disconnect().join();

            // the journal: every published reading exactly once, in publication order per tag
            Map<Integer, List<Long>> valuesByTag = new TreeMap<>();
            try (SegmentJournal journal = SegmentJournal.open(data.resolve("journal"), JournalSettings.defaults())) {
                assertThat(journal.endOffset()).isEqualTo(total + TAGS);
                journal.read(journal.startOffset(), journal.endOffset(), (offset, tag, time, value) ->
                        valuesByTag.computeIfAbsent(tag.charAt(tag.length() - 1) - '0', k -> new ArrayList<>()).add((long) value));
            }
            for (int t = 0; t < TAGS; t++) {
                List<Long> expected = new ArrayList<>();
                for (int i = 0; i < PER_TAG; i++) {
                    expected.add((long) i * TAGS + t);
                }
                expected.add(-1L);
                assertThat(valuesByTag.get(t)).as("tag s%d", t).containsExactlyElementsOf(expected);
            }

            // Spark: every window of the sequence delivered once, with the exact count of its readings
            Map<String, Integer> seen = new HashMap<>();
            long counted = 0;
            for (String line : Files.readAllLines(windows)) {
                String[] f = line.split(",");
                long start = Long.parseLong(f[2]);
                long end = Long.parseLong(f[3]);
                if (end > sequenceEnd) {
                    continue;
                }
                String key = f[1] + "@" + start;
                assertThat(seen.merge(key, 1, Integer::sum)).as("window %s delivered once", key).isEqualTo(1);
                long expected = readingsIn(t0, start, end);
                assertThat(Long.parseLong(f[4])).as("count of window %s", key).isEqualTo(expected);
                counted += expected;
            }
            assertThat(counted).isEqualTo(total);
        }
    }

    /** Readings of one tag whose event time t0 + i·STEP lies in [start, end). */
    private static long readingsIn(long t0, long start, long end) {
        long n = 0;
        for (int i = 0; i < PER_TAG; i++) {
            long ts = t0 + i * STEP_MS;
            if (ts >= start && ts < end) {
                n++;
            }
        }
        return n;
    }

    private static JsonNode read(Path report) {
        try {
            return Files.exists(report) ? new ObjectMapper().readTree(report.toFile()) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static boolean connected(Path report) {
        JsonNode r = read(report);
        return r != null && r.path("connections").toString().contains("CONNECTED") && "RUNNING".equals(r.path("spark").asText());
    }

    private static long journalled(Path report) {
        JsonNode r = read(report);
        return r == null ? 0 : r.path("journalEndOffset").asLong();
    }

    private static long windowsIn(Path csv) throws java.io.IOException {
        return Files.exists(csv) ? Files.readAllLines(csv).size() : 0;
    }

    /** Sum of the counts of delivered windows ending by {@code end}, de-duplicated by (tag, start). */
    private static long deliveredCount(Path csv, long end) throws java.io.IOException {
        if (!Files.exists(csv)) {
            return 0;
        }
        Map<String, Long> byKey = new HashMap<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f.length >= 5 && Long.parseLong(f[3]) <= end) {
                byKey.put(f[1] + "@" + f[2], Long.parseLong(f[4]));
            }
        }
        return byKey.values().stream().mapToLong(Long::longValue).sum();
    }
}
