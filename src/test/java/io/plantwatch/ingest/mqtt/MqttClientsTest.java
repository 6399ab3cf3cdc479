package io.plantwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClientConfig;
import com.hivemq.client.mqtt.MqttVersion;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.MqttSettings.Version;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.domain.TlsSettings;
import io.plantwatch.ingest.Secrets;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings → HiveMQ client configuration, without a broker. */
class MqttClientsTest {

    @TempDir
    Path dir;

    private static final Secrets NO_ENV = new Secrets(Map.<String, String>of()::get);

    private static MqttConfigView build(MqttSettings s, Secrets secrets) {
        MqttTransport t = MqttClients.transport(s, s.clientId(), false, secrets, null);
        return new MqttConfigView(t, t.client().getConfig());
    }

    record MqttConfigView(MqttTransport transport, MqttClientConfig config) {
    }

    @Test
    void plainMqtt5AddressIdAndNoTls() {
        MqttConfigView v = build(MqttSettings.defaults(java.net.URI.create("mqtt://broker.plant")), NO_ENV);
        assertThat(v.config().getMqttVersion()).isEqualTo(MqttVersion.MQTT_5_0);
        assertThat(v.config().getServerHost()).isEqualTo("broker.plant");
        assertThat(v.config().getServerPort()).isEqualTo(1883);
        assertThat(v.config().getClientIdentifier().orElseThrow().toString()).isEqualTo("plantwatch-console");
        assertThat(v.config().getSslConfig()).isEmpty();
        assertThat(v.config().getAutomaticReconnect()).as("own reconnect policy").isEmpty();
        assertThat(v.transport()).isInstanceOf(MqttTransport.V5.class);
    }

    @Test
    void mqtt311AndTlsWithTruststoreAndClientCertificate() throws Exception {
        Path trust = emptyStore("trust.p12", "t-pw");
        Path keys = emptyStore("keys.p12", "k-pw");
        TlsSettings tls = new TlsSettings(trust, SecretRef.parse("env:T", null), keys, SecretRef.parse("env:K", null),
                true);
        MqttSettings s = new MqttSettings(java.net.URI.create("mqtts://broker.plant"), Version.V3_1_1, "c1",
                List.of("sensors/+/+"), 2, PayloadFormat.JSON, "sensors/{device}/{sensor}", false, Duration.ofHours(1),
                Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(30), null, null, tls, "pw");
        MqttConfigView v = build(s, new Secrets(Map.of("T", "t-pw", "K", "k-pw")::get));
        assertThat(v.config().getMqttVersion()).isEqualTo(MqttVersion.MQTT_3_1_1);
        assertThat(v.config().getServerPort()).isEqualTo(8883);
        var ssl = v.config().getSslConfig().orElseThrow();
        assertThat(ssl.getTrustManagerFactory()).isPresent();
        assertThat(ssl.getKeyManagerFactory()).isPresent();
        assertThat(ssl.getHostnameVerifier()).as("null: the client's HTTPS endpoint identification").isEmpty();
        assertThat(v.transport()).isInstanceOf(MqttTransport.V3.class);
    }

    @Test
    void hostnameVerificationOffInstallsAPermissiveVerifier() {
        MqttSettings s = settings("mqtts://10.0.0.5", new TlsSettings(null, null, null, null, false));
        var ssl = build(s, NO_ENV).config().getSslConfig().orElseThrow();
        assertThat(ssl.getHostnameVerifier()).isPresent();
        assertThat(ssl.getTrustManagerFactory()).as("default CAs").isEmpty();
    }

    @Test
    void unusableSettingsAreNamedBeforeConnecting() {
        assertThatThrownBy(() -> build(settings("mqtts://b", new TlsSettings(dir.resolve("nope.p12"), null, null, null,
                true)), NO_ENV)).hasMessage("tls.trustStore " + dir.resolve("nope.p12") + " does not exist");
        MqttSettings pw = new MqttSettings(java.net.URI.create("mqtt://b"), Version.V5, "c", List.of("a"), 1,
                PayloadFormat.JSON, null, false, null, null, null, null, "u", SecretRef.parse("env:PW", null), null,
                null);
        assertThatThrownBy(() -> build(pw, NO_ENV))
                .hasMessage("mqtt.password: environment variable PW is not set (needed for secret env:PW)");
    }

    @Test
    void sessionAndKeepAliveAreClampedToTheirMqttFields() {
        MqttSettings s = new MqttSettings(java.net.URI.create("mqtt://b"), Version.V5, "c", List.of("a"), 1,
                PayloadFormat.JSON, null, false, Duration.ofDays(100_000), Duration.ofDays(2), null, null, null, null,
                null, null);
        assertThat(MqttTransport.sessionExpirySeconds(s)).isEqualTo(0xFFFF_FFFFL);
        assertThat(MqttTransport.keepAliveSeconds(s)).isEqualTo(65_535);
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheMaximumWithJitter() {
        Duration init = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(30);
        assertThat(MqttIngest.backoffMillis(init, max, 0, 0.5)).isEqualTo(1000);
        assertThat(MqttIngest.backoffMillis(init, max, 1, 0.5)).isEqualTo(2000);
        assertThat(MqttIngest.backoffMillis(init, max, 4, 0.5)).isEqualTo(16_000);
        assertThat(MqttIngest.backoffMillis(init, max, 5, 0.5)).isEqualTo(30_000);
        assertThat(MqttIngest.backoffMillis(init, max, 1000, 0.5)).isEqualTo(30_000);
        assertThat(MqttIngest.backoffMillis(init, max, 1, 0.0)).isEqualTo(1600);
        assertThat(MqttIngest.backoffMillis(init, max, 1, 0.999)).isEqualTo(2399);
        assertThat(MqttIngest.backoffMillis(init, max, 10, 0.999)).as("never above max").isEqualTo(30_000);
    }

    private MqttSettings settings(String url, TlsSettings tls) {
        return new MqttSettings(java.net.URI.create(url), Version.V5, "c", List.of("a"), 1, PayloadFormat.JSON, null,
                false, null, null, null, null, null, null, tls, null);
    }

    private Path emptyStore(String name, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }
}
