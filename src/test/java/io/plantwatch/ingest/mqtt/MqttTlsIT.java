package io.plantwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.domain.ConnectionState.Status;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.MqttSettings.Version;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.domain.TlsSettings;
import io.plantwatch.ingest.Secrets;
import io.plantwatch.ingest.payload.PayloadLimits;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS towards a real broker with mutual authentication: a test CA, a broker certificate for
 * 127.0.0.1 and a client certificate, all made with the JDK's keytool as an administrator would.
 */
@Timeout(180)
class MqttTlsIT {

    private static final String PW = "changeit";

    @TempDir
    static Path dir;
    static EmbeddedMqttBroker broker;
    static final Secrets SECRETS = new Secrets(Map.of("TLS_PW", PW)::get);
    static final SecretRef TLS_PW = SecretRef.parse("env:TLS_PW", null);

    @BeforeAll
    static void pki() throws Exception {
        ca("ca");
        ca("other-ca");
        signed("server", "ca", "CN=broker", "san=ip:127.0.0.1");
        signed("client", "ca", "CN=plantwatch-console", null);
        trust("trust", "ca");
        trust("wrong-trust", "other-ca");
        broker = new EmbeddedMqttBroker(dir.resolve("broker"), new EmbeddedMqttBroker.Tls(dir.resolve("server.p12"), PW,
                dir.resolve("trust.p12"), PW, true)).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static MqttSettings tls(String url, String trustStore, boolean clientCertificate, boolean verifyHostname) {
        TlsSettings tls = new TlsSettings(dir.resolve(trustStore + ".p12"), TLS_PW,
                clientCertificate ? dir.resolve("client.p12") : null, clientCertificate ? TLS_PW : null,
                verifyHostname);
        return MqttTestSettings.of(url, "console-tls", Version.V5, 1, PayloadFormat.JSON, List.of("sensors/+/+"),
                null, null, tls);
    }

    @Test
    void mutualTlsWithACustomCaDeliversMessages() {
        JournalSink sink = new JournalSink();
        try (MqttIngest ingest = new MqttIngest(tls(broker.tlsUrl(), "trust", true, true), sink, s -> {
        }, Clock.systemUTC(), PayloadLimits.defaults(), SECRETS)) {
            ingest.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.state().status() == Status.CONNECTED);
            assertThat(ingest.state().connection()).isEqualTo(broker.tlsUrl());

            Mqtt5BlockingClient device = Mqtt5Client.builder().identifier("device-plain").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            device.connect();
            long t = System.currentTimeMillis();
            device.publishWith().topic("sensors/TLS-1/pressure").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"value\": 4.2, \"timestamp\": " + t + "}").getBytes(StandardCharsets.UTF_8)).send();
            device.disconnect();
            await().until(() -> sink.size() == 1);
            assertThat(sink.readings()).containsExactly(new Reading("TLS-1/pressure", t, 4.2, ""));
        }
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsAReadableError() {
        List<io.plantwatch.domain.ConnectionState> states = new ArrayList<>();
        try (MqttIngest ingest = new MqttIngest(tls(broker.tlsUrl(), "wrong-trust", true, true), new JournalSink(),
                states::add, Clock.systemUTC(), PayloadLimits.defaults(), SECRETS)) {
            ingest.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.state().status() == Status.ERROR);
            assertThat(ingest.state().detail()).startsWith("TLS handshake with " + broker.tlsUrl()
                    + " failed: the broker's certificate is not signed by a CA in tls.trustStore (");
        }
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheHandshake() {
        MqttIngest.ConnectionTest r = MqttIngest.testConnection(tls(broker.tlsUrl(), "trust", false, true),
                Duration.ofSeconds(20), SECRETS);
        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).startsWith("TLS handshake with " + broker.tlsUrl() + " failed");
    }

    @Test
    void hostnameVerificationChecksTheCertificatesNamesAndCanBeSwitchedOff() {
        String byName = "mqtts://localhost:" + broker.tlsPort();
        MqttIngest.ConnectionTest verified = MqttIngest.testConnection(tls(byName, "trust", true, true),
                Duration.ofSeconds(20), SECRETS);
        assertThat(verified.ok()).isFalse();
        assertThat(verified.reason()).startsWith("TLS handshake with mqtts://localhost:" + broker.tlsPort()
                + " failed: the broker's certificate does not name this host");

        MqttIngest.ConnectionTest unverified = MqttIngest.testConnection(tls(byName, "trust", true, false),
                Duration.ofSeconds(20), SECRETS);
        assertThat(unverified.reason()).isEmpty();
        assertThat(unverified.ok()).isTrue();

        MqttIngest.ConnectionTest byIp = MqttIngest.testConnection(tls(broker.tlsUrl(), "trust", true, true),
                Duration.ofSeconds(20), SECRETS);
        assertThat(byIp.ok()).isTrue();
    }

    @Test
    void aMissingTruststoreIsNamedBeforeAnyConnectionAttempt() {
        MqttIngest.ConnectionTest r = MqttIngest.testConnection(tls(broker.tlsUrl(), "nope", true, true),
                Duration.ofSeconds(5), SECRETS);
        assertThat(r.reason()).isEqualTo("tls.trustStore " + dir.resolve("nope.p12") + " does not exist");
    }

    // ---- a small PKI with keytool ----

    static void ca(String alias) throws Exception {
        keytool("-genkeypair", "-keystore", p12(alias), "-storepass", PW, "-alias", alias, "-dname", "CN=" + alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-ext", "bc:c", "-validity", "2");
        keytool("-exportcert", "-keystore", p12(alias), "-storepass", PW, "-alias", alias, "-rfc", "-file",
                dir.resolve(alias + ".pem").toString());
    }

    static void signed(String alias, String ca, String dname, String san) throws Exception {
        keytool("-genkeypair", "-keystore", p12(alias), "-storepass", PW, "-alias", alias, "-dname", dname,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
        keytool("-certreq", "-keystore", p12(alias), "-storepass", PW, "-alias", alias, "-file",
                dir.resolve(alias + ".csr").toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-keystore", p12(ca), "-storepass", PW, "-alias",
                ca, "-infile", dir.resolve(alias + ".csr").toString(), "-outfile",
                dir.resolve(alias + ".pem").toString(), "-rfc", "-validity", "2"));
        if (san != null) {
            gencert.addAll(List.of("-ext", san));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-keystore", p12(alias), "-storepass", PW, "-alias", ca, "-file",
                dir.resolve(ca + ".pem").toString(), "-noprompt");
        keytool("-importcert", "-keystore", p12(alias), "-storepass", PW, "-alias", alias, "-file",
                dir.resolve(alias + ".pem").toString());
    }

    static void trust(String store, String ca) throws Exception {
        keytool("-importcert", "-keystore", p12(store), "-storepass", PW, "-storetype", "PKCS12", "-alias", ca,
                "-file", dir.resolve(ca + ".pem").toString(), "-noprompt");
    }

    static String p12(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }
}
