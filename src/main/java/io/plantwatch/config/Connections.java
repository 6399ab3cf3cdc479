package io.plantwatch.config;

import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;

/**
 * The site file's {@code connections} block: where readings come from. Immutable.
 *
 * <pre>
 * connections:
 *   mode: replay                 # replay (the recording of 'replay:') | live (the brokers below)
 *   mqtt:
 *     url: mqtt://localhost:1883 # mqtts:// for TLS
 *     version: 5                 # 5 | 3.1.1
 *     clientId: plantwatch-console
 *     topics: [sensors/+/+]
 *     qos: 1
 *     format: json               # json | sparkplug
 *     topicPattern: "sensors/{device}/{sensor}"
 *     cleanStart: false
 *     sessionExpiry: 1d
 *     keepAlive: 30s
 *     reconnect: {initialDelay: 1s, maxDelay: 30s}
 *     username: console
 *     password: env:PLANTWATCH_MQTT_PASSWORD      # or keystore:secrets.p12#mqtt; never the password
 *     tls: {trustStore: ca.p12, trustStorePassword: env:CA_PW, keyStore: client.p12,
 *           keyStorePassword: env:CLIENT_PW, verifyHostname: true}
 *     sparkplugHostId: plantwatch
 *   kafka:
 *     bootstrapServers: localhost:9092
 *     topics: [plant-readings]
 *     groupId: plantwatch-console
 *     clientId: plantwatch-console
 *     pollTimeout: 500ms
 *     properties: {security.protocol: SSL, ssl.truststore.password: env:KAFKA_TS_PW}
 * </pre>
 *
 * @param mode  whether the console starts on the recording or on the live connections
 * @param mqtt  the MQTT subscription, or null when none is configured
 * @param kafka the Kafka consumer, or null when none is configured
 */
public record Connections(Mode mode, MqttSettings mqtt, KafkaSettings kafka) {

    /** Where readings come from. */
    public enum Mode { REPLAY, LIVE }

    /** Replay of the site's recording, no broker configured. */
    public static final Connections REPLAY_ONLY = new Connections(Mode.REPLAY, null, null);

    /** @throws IllegalArgumentException when live mode has no connection */
    public Connections {
        if (mode == null) {
            throw new IllegalArgumentException("connections.mode must be replay or live");
        }
        if (mode == Mode.LIVE && mqtt == null && kafka == null) {
            throw new IllegalArgumentException("connections.mode is live but neither connections.mqtt nor connections.kafka is configured");
        }
    }
}
