package io.plantwatch.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the console consumes Kafka (site file, {@code connections.kafka}). Record keys are device ids;
 * values are the JSON readings of the MQTT payloads, with a {@code sensor} field.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param topics           topics to consume
 * @param groupId          consumer group; its committed offsets are where a restarted console resumes
 * @param clientId         client id, for the broker's logs and quotas
 * @param pollTimeout      longest wait of one poll
 * @param properties       further consumer properties (e.g. {@code security.protocol}); a value written
 *                         {@code env:NAME} or {@code keystore:PATH#ALIAS} is a {@link SecretRef}
 */
public record KafkaSettings(String bootstrapServers, List<String> topics, String groupId, String clientId,
        Duration pollTimeout, Map<String, String> properties) {

    /** @throws IllegalArgumentException when bootstrap servers, topics or group are missing */
    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrapServers must not be empty");
        }
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("kafka.topics must name at least one topic");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("kafka.groupId must not be empty");
        }
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        properties = Map.copyOf(properties);
    }

    /** Defaults: group {@code plantwatch-console}, poll 500 ms, no extra properties. */
    public static KafkaSettings defaults(String bootstrapServers, List<String> topics) {
        return new KafkaSettings(bootstrapServers, topics, "plantwatch-console", "plantwatch-console",
                Duration.ofMillis(500), Map.of());
    }
}
