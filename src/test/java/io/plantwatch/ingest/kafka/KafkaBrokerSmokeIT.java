package io.plantwatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.testsupport.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The child-process KRaft broker really stores records and keeps them across a restart. */
@Timeout(180)
class KafkaBrokerSmokeIT {

    @Test
    void keepsRecordsAcrossARestart(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = new KafkaBroker(dir).start()) {
            broker.createTopic("smoke", 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "P-101", "{\"sensor\":\"flow\",\"value\":1}")).get();
            }
            broker.stop();
            assertThat(broker.running()).isFalse();
            broker.start();
            assertThat(broker.topics()).containsEntry("smoke", 1);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "smoke",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (got.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(got::add);
                }
                assertThat(got).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("P-101");
                    assertThat(r.value()).isEqualTo("{\"sensor\":\"flow\",\"value\":1}");
                });
            }
        }
    }
}
