package io.plantwatch.app;

import io.plantwatch.config.Connections;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.PayloadFormat;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Command-line overrides of the site file's {@code connections} block, shared by {@code console}
 * and {@code live} (picocli mixin). Without any, the site file's connections are used as written.
 */
public final class LiveOptions {

    @Option(names = "--mqtt", paramLabel = "URL",
            description = "Subscribe to this MQTT broker (mqtt://host:1883 or mqtts://host:8883); the site file's other MQTT settings still apply.")
    URI mqttUrl;

    @Option(names = "--format", paramLabel = "json|sparkplug", description = "MQTT payload format (with --mqtt).")
    String format;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Consume this Kafka cluster (host:9092).")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", paramLabel = "TOPIC", description = "Kafka topic (with --kafka; default plant-readings).")
    List<String> kafkaTopics;

    /** True when any connection is given on the command line. */
    boolean any() {
        return mqttUrl != null || kafkaBootstrap != null;
    }

    /**
     * The site's configuration switched to live mode with these overrides applied.
     *
     * @throws IllegalArgumentException when neither the site file nor the command line names a connection
     */
    SiteConfig applyLive(SiteConfig site) {
        Connections c = site.connections();
        MqttSettings mqtt = c.mqtt();
        if (mqttUrl != null) {
            MqttSettings base = (mqtt != null ? mqtt : MqttSettings.defaults(mqttUrl)).withServerUri(mqttUrl);
            PayloadFormat f = format == null ? base.format()
                    : "sparkplug".equalsIgnoreCase(format) ? PayloadFormat.SPARKPLUG : PayloadFormat.JSON;
            List<String> filters = f == base.format() ? base.topicFilters()
                    : f == PayloadFormat.SPARKPLUG ? List.of("spBv1.0/+/#") : List.of(MqttSettings.DEFAULT_TOPIC_FILTER);
            mqtt = base.withSubscription(filters, base.qos(), f);
        }
        KafkaSettings kafka = c.kafka();
        if (kafkaBootstrap != null) {
            List<String> topics = kafkaTopics != null ? kafkaTopics
                    : kafka != null ? kafka.topics() : List.of("plant-readings");
            kafka = kafka == null ? KafkaSettings.defaults(kafkaBootstrap, topics)
                    : new KafkaSettings(kafkaBootstrap, topics, kafka.groupId(), kafka.clientId(), kafka.pollTimeout(),
                            kafka.properties());
        }
        if (mqtt == null && kafka == null) {
            throw new IllegalArgumentException(site.file().getFileName() + " configures no connection: pass --mqtt URL or"
                    + " --kafka BOOTSTRAP, or add connections.mqtt / connections.kafka (docs/configuration.md)");
        }
        return site.withConnections(new Connections(Connections.Mode.LIVE, mqtt, kafka));
    }
}
