package io.plantwatch.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.domain.TlsSettings;
import io.plantwatch.ingest.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Turns {@link MqttSettings} into a configured HiveMQ client: server address, client id, TLS
 * (custom CA truststore, optional client certificate, hostname verification) and credentials
 * resolved from {@link SecretRef}s. Everything that can be wrong in the settings fails here, before
 * any connection attempt, with a message that names the setting.
 */
final class MqttClients {

    /** TCP connect timeout; a broker that does not answer within it counts as unreachable. */
    static final long SOCKET_CONNECT_TIMEOUT_MS = 10_000;
    /** Time from TCP connect to CONNACK (includes the TLS handshake). */
    static final long MQTT_CONNECT_TIMEOUT_MS = 10_000;

    private MqttClients() {
    }

    /**
     * A transport for {@code settings}, without automatic reconnect (the caller decides in its
     * disconnected listener).
     *
     * @param clientId   the client identifier to use (the settings' one, or a throwaway one for a test)
     * @param cleanStart false for the console's persistent session; true for a connection test
     * @param builder    a builder that already carries the caller's lifecycle listeners, or null
     * @throws IllegalArgumentException when TLS material or a secret cannot be loaded (message names it)
     */
    static MqttTransport transport(MqttSettings settings, String clientId, boolean cleanStart, Secrets secrets,
            MqttClientBuilder builder) {
        MqttClientBuilder b = builder == null ? MqttClient.builder() : builder;
        // one transport config with everything in it: setting sslConfig on the client builder after a
        // transportConfig was applied would be dropped
        var transport = b.identifier(clientId)
                .transportConfig()
                .serverHost(settings.serverUri().getHost())
                .serverPort(settings.port())
                .socketConnectTimeout(SOCKET_CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(MQTT_CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (settings.secure()) {
            transport = transport.sslConfig(sslConfig(settings.tls(), secrets));
        }
        b = transport.applyTransportConfig();
        byte[] password = null;
        if (settings.password() != null) {
            if (settings.username() == null) {
                throw new IllegalArgumentException("mqtt.password is set but mqtt.username is not");
            }
            char[] chars = resolve(secrets, settings.password(), "mqtt.password");
            password = new String(chars).getBytes(StandardCharsets.UTF_8);
            Arrays.fill(chars, '\0');
        }
        return MqttTransport.create(b, settings, settings.username(), password, cleanStart);
    }

    /**
     * The TLS configuration: the JDK's default CAs unless a truststore is given; a client
     * certificate when a keystore is given; hostname verification unless switched off. Keystore
     * types (PKCS#12 or JKS) are detected from the file.
     *
     * @param tls may be null (default CAs, hostname verification on)
     * @throws IllegalArgumentException when a store cannot be read or opened
     */
    static MqttClientSslConfig sslConfig(TlsSettings tls, Secrets secrets) {
        var b = MqttClientSslConfig.builder().handshakeTimeout(MQTT_CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (tls == null) {
            return b.build();
        }
        try {
            if (tls.trustStore() != null) {
                KeyStore trust = load(tls.trustStore(), tls.trustStorePassword(), "tls.trustStore", secrets);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                b = b.trustManagerFactory(tmf);
            }
            if (tls.keyStore() != null) {
                char[] pw = resolve(secrets, tls.keyStorePassword(), "tls.keyStorePassword");
                try {
                    KeyStore keys = loadWith(tls.keyStore(), pw, "tls.keyStore");
                    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(keys, pw);
                    b = b.keyManagerFactory(kmf);
                } finally {
                    Arrays.fill(pw, '\0');
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS settings unusable: " + e.getMessage(), e);
        }
        if (!tls.verifyHostname()) {
            // a verifier replaces the client's default HTTPS endpoint identification
            b = b.hostnameVerifier((host, session) -> true);
        }
        return b.build();
    }

    private static KeyStore load(Path file, SecretRef password, String setting, Secrets secrets) {
        char[] pw = password == null ? null : resolve(secrets, password, setting + "Password");
        try {
            return loadWith(file, pw, setting);
        } finally {
            if (pw != null) {
                Arrays.fill(pw, '\0');
            }
        }
    }

    private static KeyStore loadWith(Path file, char[] password, String setting) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(setting + " " + file + " does not exist");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " " + file + " cannot be opened: " + e.getMessage()
                    + " (wrong password, or not a PKCS#12/JKS file?)", e);
        }
    }

    private static char[] resolve(Secrets secrets, SecretRef ref, String setting) {
        try {
            return secrets.resolve(ref);
        } catch (Secrets.SecretException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }
}
