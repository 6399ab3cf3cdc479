package io.plantwatch.domain;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the console subscribes to an MQTT broker (site file, {@code connections.mqtt}).
 *
 * @param serverUri         {@code mqtt://host:1883} or {@code mqtts://host:8883} (TLS); port defaults 1883 / 8883
 * @param version           protocol version, 5 or 3.1.1
 * @param clientId          client identifier; it names the persistent session on the broker, so it must be stable
 * @param topicFilters      subscriptions, e.g. {@code sensors/+/+} (JSON) or {@code spBv1.0/+/#} (Sparkplug B)
 * @param qos               subscription QoS, 0, 1 or 2
 * @param format            payload encoding
 * @param topicPattern      for JSON: where device and sensor sit in the topic, e.g. {@code sensors/{device}/{sensor}}
 * @param cleanStart        false: keep the session (and the QoS 1/2 messages queued for it) while disconnected
 * @param sessionExpiry     how long the broker keeps the session after a disconnect (MQTT 5; 3.1.1 keeps it
 *                          until a clean session)
 * @param keepAlive         PINGREQ interval
 * @param reconnectInitial  first reconnect delay; doubles per attempt (with jitter) up to {@code reconnectMax}
 * @param reconnectMax      longest reconnect delay
 * @param username          user name, or null
 * @param password          where the password is kept, or null; never the password itself
 * @param tls               TLS settings, or null (required for {@code mqtts://})
 * @param sparkplugHostId   Sparkplug host application id used in rebirth requests (NCMD), e.g. {@code plantwatch}
 */
public record MqttSettings(URI serverUri, Version version, String clientId, List<String> topicFilters, int qos,
        PayloadFormat format, String topicPattern, boolean cleanStart, Duration sessionExpiry, Duration keepAlive,
        Duration reconnectInitial, Duration reconnectMax, String username, SecretRef password, TlsSettings tls,
        String sparkplugHostId) {

    /** MQTT protocol version. */
    public enum Version { V5, V3_1_1 }

    /** The default subscription: every {@code sensors/<device>/<sensor>} topic. */
    public static final String DEFAULT_TOPIC_FILTER = "sensors/+/+";

    /** @throws IllegalArgumentException on an unknown scheme, a QoS outside 0–2 or an empty filter list */
    public MqttSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        String scheme = serverUri.getScheme();
        if (!"mqtt".equals(scheme) && !"mqtts".equals(scheme)) {
            throw new IllegalArgumentException("the MQTT URL must start with mqtt:// or mqtts://, was " + serverUri);
        }
        if (serverUri.getHost() == null) {
            throw new IllegalArgumentException("the MQTT URL names no host: " + serverUri);
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, was " + qos);
        }
        topicFilters = List.copyOf(topicFilters);
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("at least one topic filter is needed");
        }
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(format, "format");
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be empty");
        }
    }

    /** Defaults for a broker URL: MQTT 5, {@code sensors/+/+} at QoS 1, JSON, persistent session of 1 day. */
    public static MqttSettings defaults(URI serverUri) {
        return new MqttSettings(serverUri, Version.V5, "plantwatch-console", List.of(DEFAULT_TOPIC_FILTER), 1,
                PayloadFormat.JSON, "sensors/{device}/{sensor}", false, Duration.ofDays(1), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(30), null, null, null, "plantwatch");
    }

    /**
     * These settings on another broker. A {@code mqtts://} URL without TLS settings gets the JDK's
     * default CAs with hostname verification.
     */
    public MqttSettings withServerUri(URI uri) {
        TlsSettings t = tls == null && "mqtts".equals(uri.getScheme()) ? new TlsSettings(null, null, null, null, true) : tls;
        return new MqttSettings(uri, version, clientId, topicFilters, qos, format, topicPattern, cleanStart, sessionExpiry,
                keepAlive, reconnectInitial, reconnectMax, username, password, t, sparkplugHostId);
    }

    /** These settings with another subscription: topic filters, QoS and payload format. */
    public MqttSettings withSubscription(List<String> filters, int newQos, PayloadFormat newFormat) {
        return new MqttSettings(serverUri, version, clientId, filters, newQos, newFormat, topicPattern, cleanStart,
                sessionExpiry, keepAlive, reconnectInitial, reconnectMax, username, password, tls, sparkplugHostId);
    }

    /** These settings with another session: client id, clean start and session expiry. */
    public MqttSettings withSession(String newClientId, boolean newCleanStart, Duration newSessionExpiry) {
        return new MqttSettings(serverUri, version, newClientId, topicFilters, qos, format, topicPattern, newCleanStart,
                newSessionExpiry, keepAlive, reconnectInitial, reconnectMax, username, password, tls, sparkplugHostId);
    }

    /** True for {@code mqtts://}. */
    public boolean secure() {
        return "mqtts".equals(serverUri.getScheme());
    }

    /** The port, or the scheme's default (1883, 8883). */
    public int port() {
        return serverUri.getPort() > 0 ? serverUri.getPort() : secure() ? 8883 : 1883;
    }
}
