package io.plantwatch.ingest.mqtt;

import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.domain.TlsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** MqttSettings for tests: fast reconnect (100 ms → 1 s), one-day session. */
final class MqttTestSettings {

    private MqttTestSettings() {
    }

    static MqttSettings json(String url, String clientId, MqttSettings.Version version, int qos) {
        return of(url, clientId, version, qos, PayloadFormat.JSON, List.of("sensors/+/+"), null, null, null);
    }

    static MqttSettings sparkplug(String url, String clientId) {
        return of(url, clientId, MqttSettings.Version.V5, 1, PayloadFormat.SPARKPLUG, List.of("spBv1.0/+/#"), null,
                null, null);
    }

    static MqttSettings of(String url, String clientId, MqttSettings.Version version, int qos, PayloadFormat format,
            List<String> filters, String username, SecretRef password, TlsSettings tls) {
        return new MqttSettings(URI.create(url), version, clientId, filters, qos, format, "sensors/{device}/{sensor}",
                false, Duration.ofDays(1), Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1),
                username, password, tls, "plantwatch");
    }
}
