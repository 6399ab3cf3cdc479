package io.plantwatch.testsupport;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real MQTT broker (HiveMQ Community Edition, embedded) in the test JVM, on a free loopback port
 * (STACK.md, "Brokers for tests"). MQTT 3.1.1 and 5. Its data folder survives {@link #stop()} so
 * that {@link #start()} again restarts the same broker with its persistent sessions and queued
 * QoS 1/2 messages (file persistence). Not thread-safe; one per test class.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private final Path home;
    private final int port;
    private EmbeddedHiveMQ hivemq;

    /** Prepares (does not start) a broker under {@code home}, on a free port. */
    public EmbeddedMqttBroker(Path home) {
        this.home = home;
        this.port = freePort();
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
                      </listeners>
                      <mqtt>
                        <queued-messages><max-queue-size>1000000</max-queue-size><strategy>discard</strategy></queued-messages>
                      </mqtt>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) the broker and waits until it listens. */
    public EmbeddedMqttBroker start() {
        if (hivemq != null) {
            throw new IllegalStateException("already running");
        }
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(home.resolve("conf"))
                .withDataFolder(home.resolve("data"))
                .withExtensionsFolder(home.resolve("extensions"))
                .withoutLoggingBootstrap()
                .build();
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
