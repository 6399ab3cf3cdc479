package io.plantwatch.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code mosquitto} (2.x; {@code apt-get install mosquitto}) started as a child process on
 * a free loopback port, for the MQTT benchmarks: a C broker in its own process leaves the JVM's
 * cores to the client side being measured, and it is what many plants run. Queues are unbounded so
 * that QoS 1 messages are never dropped while a subscriber falls behind. In-flight messages per
 * client are capped at 1000: mosquitto 2.0.11 was seen sending more unacknowledged QoS 1 messages
 * than the console's MQTT 5 Receive Maximum (1024) allows, which the HiveMQ client reports as a
 * protocol error.
 */
final class MosquittoBroker implements AutoCloseable {

    private final Process process;
    private final int port;

    /** @throws IllegalStateException when mosquitto is not installed or does not start within 10 s */
    MosquittoBroker(Path workDir) throws IOException, InterruptedException {
        this(workDir, false);
    }

    /**
     * @param tcpNoDelay mosquitto's {@code set_tcp_nodelay}: switch off Nagle's algorithm on the broker's
     *                   sockets. Off by default in mosquitto; then a small packet that follows another on
     *                   the same connection (a response after a PUBACK) can wait for the client's delayed
     *                   TCP ACK, about 40 ms on Linux (measured by {@code bench commands}).
     * @throws IllegalStateException when mosquitto is not installed or does not start within 10 s
     */
    MosquittoBroker(Path workDir, boolean tcpNoDelay) throws IOException, InterruptedException {
        String exe = find();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = workDir.resolve("mosquitto.conf");
        Files.writeString(conf, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                max_queued_messages 10000000
                max_queued_bytes 0
                max_inflight_messages 1000
                """.formatted(port) + (tcpNoDelay ? "set_tcp_nodelay true\n" : ""));
        process = new ProcessBuilder(exe, "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("mosquitto did not start; see " + workDir.resolve("mosquitto.log"));
                }
                Thread.sleep(20);
            }
        }
    }

    private static String find() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("mosquitto is not installed (Debian: apt-get install mosquitto); or pass --mqtt URL");
    }

    URI url() {
        return URI.create("mqtt://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
