package io.plantwatch.ingest.kafka;

import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.SecretRef;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Client properties built from {@link KafkaSettings}, with secret references resolved: a property
 * value written {@code env:NAME} or {@code keystore:PATH#ALIAS} (see {@link SecretRef}) is replaced by
 * the secret it names, so that e.g. {@code sasl.jaas.config: env:KAFKA_JAAS} never puts the secret in
 * the site file. Other values pass through unchanged. Stateless.
 */
final class KafkaProperties {

    private KafkaProperties() {
    }

    /**
     * The consumer's properties: the site's {@code properties} (secrets resolved), then bootstrap
     * servers, group, client id and the deserializers (key: UTF-8 string = device id; value: bytes for
     * {@code PayloadDecoder}); {@code auto.offset.reset=earliest} unless the site sets it (a new group
     * starts at the beginning of the topics, so nothing produced before the first start is missed);
     * {@code enable.auto.commit=false} always (offsets are committed only after the readings are in the
     * journal).
     *
     * @throws IllegalArgumentException when a secret reference cannot be resolved (the message names the property)
     */
    static Properties consumer(KafkaSettings settings) {
        Properties p = common(settings);
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    /**
     * Properties for an admin client: the site's properties (secrets resolved; consumer-only ones are
     * left out), bootstrap servers and client id.
     *
     * @throws IllegalArgumentException when a secret reference cannot be resolved
     */
    static Properties admin(KafkaSettings settings) {
        Properties p = new Properties();
        common(settings).forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains((String) k)) {
                p.put(k, v);
            }
        });
        return p;
    }

    private static Properties common(KafkaSettings settings) {
        Properties p = new Properties();
        for (Map.Entry<String, String> e : settings.properties().entrySet()) {
            p.put(e.getKey(), resolve(e.getKey(), e.getValue()));
        }
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        if (settings.clientId() != null && !settings.clientId().isBlank()) {
            p.put(CommonClientConfigs.CLIENT_ID_CONFIG, settings.clientId());
        }
        return p;
    }

    /**
     * The value itself, or the secret it references.
     *
     * @param property the property's name, for the error message
     * @throws IllegalArgumentException when the variable is unset, the keystore unreadable or the alias missing
     */
    static String resolve(String property, String value) {
        if (value == null || !(value.startsWith("env:") || value.startsWith("keystore:"))) {
            return value;
        }
        SecretRef ref;
        try {
            ref = SecretRef.parse(value, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kafka property " + property + ": " + e.getMessage(), e);
        }
        return secret(property, ref);
    }

    private static String secret(String property, SecretRef ref) {
        try {
            return new String(io.plantwatch.ingest.Secrets.fromEnvironment().resolve(ref));
        } catch (io.plantwatch.ingest.Secrets.SecretException e) {
            throw new IllegalArgumentException("kafka property " + property + ": " + e.getMessage(), e);
        }
    }
}
