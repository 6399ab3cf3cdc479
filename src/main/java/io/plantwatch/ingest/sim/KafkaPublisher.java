package io.plantwatch.ingest.sim;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka devices: one record per reading on the topic, key = device id, value =
 * {@code {"sensor":…,"value":…,"unit":…,"timestamp":…}}; {@code acks=all}, idempotent. Kafka has no
 * command channel here (commands go over MQTT).
 */
final class KafkaPublisher implements Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

    private final DeviceSimulator.Settings settings;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private KafkaProducer<String, byte[]> producer;

    KafkaPublisher(DeviceSimulator.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void connect(List<DeviceSimulator.Device> devices) throws IOException {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka(),
                ProducerConfig.CLIENT_ID_CONFIG, settings.clientId(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
                new StringSerializer(), new ByteArraySerializer());
        try {
            // fails fast (within max.block.ms) when the cluster or the topic is not there
            producer.partitionsFor(settings.kafkaTopic());
        } catch (org.apache.kafka.common.KafkaException e) {
            producer.close(Duration.ZERO);
            throw new IOException("cannot reach topic " + settings.kafkaTopic() + " on " + settings.kafka() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("simulator producing to {} on {} (key = device); Kafka devices receive no commands",
                settings.kafkaTopic(), settings.kafka());
    }

    @Override
    public int publish(String device, long eventTimeMillis, List<Reading> readings) {
        for (Reading r : readings) {
            byte[] value = Payloads.json(TagId.sensor(r.tag()), r.value(), r.unit(), eventTimeMillis);
            producer.send(new ProducerRecord<>(settings.kafkaTopic(), device, value), (md, e) -> {
                if (e == null) {
                    acknowledged.incrementAndGet();
                } else if (failed.incrementAndGet() <= 10) {
                    LOG.warn("record for {} failed: {}", device, e.getMessage());
                }
            });
        }
        return readings.size();
    }

    @Override
    public void flush(Duration timeout) throws InterruptedException {
        var f = java.util.concurrent.CompletableFuture.runAsync(producer::flush);
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("records still unacknowledged after {}: {}", timeout, e.getMessage());
        }
    }

    @Override
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
