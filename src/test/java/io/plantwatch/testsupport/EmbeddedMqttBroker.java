package io.plantwatch.testsupport;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A real MQTT broker (HiveMQ Community Edition, embedded) in the test JVM, on a free loopback port
 * (STACK.md, "Brokers for tests"). MQTT 3.1.1 and 5. Its data folder survives {@link #stop()} so
 * that {@link #start()} again restarts the same broker with its persistent sessions and queued
 * QoS 1/2 messages (file persistence). Optionally also a TLS listener ({@link Tls}) and a
 * username/password check ({@link #requireCredentials}, an embedded extension). Not thread-safe;
 * one per test class.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    /**
     * A TLS listener: the broker's key and certificate, and (for client certificates) the CA it trusts.
     *
     * @param keyStore         JKS or PKCS#12 with the broker's key and certificate chain
     * @param password         password of the keystore and its key
     * @param trustStore       CA certificates for client certificates, or null
     * @param trustPassword    password of the truststore, or null
     * @param requireClientCertificate REQUIRED instead of NONE client authentication
     */
    public record Tls(Path keyStore, String password, Path trustStore, String trustPassword,
            boolean requireClientCertificate) {
    }

    private final Path home;
    private final int port;
    private final int tlsPort;
    private final Tls tls;
    private volatile String username;
    private volatile String password;
    private EmbeddedHiveMQ hivemq;

    /** Prepares (does not start) a broker under {@code home}, on a free port. */
    public EmbeddedMqttBroker(Path home) {
        this(home, null);
    }

    /** Prepares (does not start) a broker under {@code home}, on free ports, with a TLS listener when {@code tls} is given. */
    public EmbeddedMqttBroker(Path home, Tls tls) {
        this.home = home;
        this.port = freePort();
        this.tls = tls;
        this.tlsPort = tls == null ? -1 : freePort();
        String tlsListener = tls == null ? "" : """
                        <tls-tcp-listener>
                          <port>%d</port><bind-address>127.0.0.1</bind-address>
                          <tls>
                            <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                            %s
                            <client-authentication-mode>%s</client-authentication-mode>
                          </tls>
                        </tls-tcp-listener>
                """.formatted(tlsPort, tls.keyStore().toAbsolutePath(), tls.password(), tls.password(),
                tls.trustStore() == null ? "" : "<truststore><path>%s</path><password>%s</password></truststore>"
                        .formatted(tls.trustStore().toAbsolutePath(), tls.trustPassword()),
                tls.requireClientCertificate() ? "REQUIRED" : "NONE");
        try {
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("extensions"));
            // max-queue-size: the default 1000 drops QoS 1 messages queued for an offline client in bursts
            Files.writeString(home.resolve("conf").resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                    %s  </listeners>
                      <persistence><mode>file</mode></persistence>
                      <mqtt>
                        <queued-messages><max-queue-size>1000000</max-queue-size><strategy>discard</strategy></queued-messages>
                      </mqtt>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port, tlsListener));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) the broker and waits until it listens. */
    public EmbeddedMqttBroker start() {
        if (hivemq != null) {
            throw new IllegalStateException("already running");
        }
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(home.resolve("conf"))
                .withDataFolder(home.resolve("data"))
                .withExtensionsFolder(home.resolve("extensions"))
                .withoutLoggingBootstrap();
        if (username != null) {
            builder = builder.withEmbeddedExtension(EmbeddedExtension.builder().withId("plantwatch-test-auth")
                    .withName("test credentials").withVersion("1").withAuthor("plantwatch")
                    .withExtensionMain(new CredentialsCheck(username, password)).build());
        }
        hivemq = builder.build();
        hivemq.start().join();
        return this;
    }

    /** Stops the broker, keeping its data folder (close(), since stop() leaves a non-daemon thread). */
    public void stop() {
        if (hivemq != null) {
            try {
                hivemq.close();
            } catch (Exception e) {
                throw new IllegalStateException("broker did not stop", e);
            }
            hivemq = null;
        }
    }

    /**
     * From the next {@link #start()} on, accept only this username and password (CONNACK
     * BAD_USER_NAME_OR_PASSWORD otherwise).
     */
    public EmbeddedMqttBroker requireCredentials(String user, String pass) {
        this.username = user;
        this.password = pass;
        return this;
    }

    /** {@code mqtts://127.0.0.1:TLSPORT}, or an exception when there is no TLS listener. */
    public String tlsUrl() {
        if (tls == null) {
            throw new IllegalStateException("no TLS listener");
        }
        return "mqtts://127.0.0.1:" + tlsPort;
    }

    /** The TLS listener's port, or -1. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Checks CONNECT's username and password. */
    private record CredentialsCheck(String user, String pass) implements ExtensionMain {
        @Override
        public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
            Services.securityRegistry().setAuthenticatorProvider(input -> (SimpleAuthenticator) (auth, result) -> {
                var connect = auth.getConnectPacket();
                String u = connect.getUserName().orElse(null);
                String p = connect.getPassword().map(b -> StandardCharsets.UTF_8.decode(b).toString()).orElse(null);
                if (user.equals(u) && pass.equals(p)) {
                    result.authenticateSuccessfully();
                } else {
                    result.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong credentials");
                }
            });
        }

        @Override
        public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        }
    }

    /** The broker's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code mqtt://127.0.0.1:PORT}. */
    public String url() {
        return "mqtt://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
