package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.config.Connections;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.Reading;
import io.plantwatch.journal.SegmentJournal;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reading redelivered after a crash (journalled, but its MQTT acknowledgement never sent) is
 * journalled once: the live context primes its duplicate filter from the journal's tail on start.
 * The crash is staged by writing the journal directly, as a killed console would have left it.
 */
@Timeout(180)
class LiveDuplicateIT {

    @TempDir
    Path dir;

    @Test
    void aReadingAlreadyInTheJournalIsNotJournalledAgain() throws Exception {
        long t = System.currentTimeMillis() - 10_000;
        Path data = dir.resolve("data");
        try (SegmentJournal journal = SegmentJournal.open(data.resolve("journal"), JournalSettings.defaults())) {
            journal.append(new Reading("P-101/flow", t, 32.5, "L/min"));
            journal.append(new Reading("P-101/flow", t + 1000, 32.6, "L/min"));
        }
        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(dir.resolve("broker")).start()) {
            Path siteFile = dir.resolve("site.yaml");
            Files.writeString(siteFile, "site: dup\ntags:\n  - tag: P-101/flow\n    unit: L/min\n    range: [0, 40]\n");
            SiteConfig site = new SiteConfigLoader().load(siteFile).withConnections(new Connections(Connections.Mode.LIVE,
                    MqttSettings.defaults(URI.create(broker.url())), null));
            try (PlantWatchContext ctx = new PlantWatchContext(
                    new PlantWatchContext.Options(site, data, null, 1, "local[1]", site.streaming()), Clock.systemUTC())) {
                List<Double> appended = new ArrayList<>();
                ctx.addReadingListener((offset, r) -> appended.add(r.value()));
                ctx.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> ctx.connectionStates().values().stream()
                        .anyMatch(s -> s.status() == io.plantwatch.domain.ConnectionState.Status.CONNECTED));
                Mqtt5BlockingClient device = Mqtt5Client.builder().identifier("P-101").serverHost("127.0.0.1")
                        .serverPort(broker.port()).buildBlocking();
                device.connect();
                // the redelivery of the second journalled reading, then a new one
                for (String payload : List.of("{\"value\":32.6,\"timestamp\":" + (t + 1000) + "}",
                        "{\"value\":32.7,\"timestamp\":" + (t + 2000) + "}")) {
                    device.publishWith().topic("sensors/P-101/flow").qos(MqttQos.AT_LEAST_ONCE)
                            .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
                }
                device.disconnect();
                await().atMost(Duration.ofSeconds(30)).until(() -> ctx.journal().endOffset() == 3);
                assertThat(ctx.duplicatesDropped()).isEqualTo(1);
                assertThat(appended).containsExactly(32.7);
                List<Double> values = new ArrayList<>();
                ctx.journal().read(0, 3, (offset, tag, time, value) -> values.add(value));
                assertThat(values).containsExactly(32.5, 32.6, 32.7);
            }
        }
    }
}
