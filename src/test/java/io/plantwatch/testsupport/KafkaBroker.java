package io.plantwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), started as a
 * CHILD PROCESS from the Maven Central artifact {@code org.apache.kafka:kafka_2.13} (STACK.md, "Brokers
 * for tests"). The broker's jars never touch the tests' class path (they would fight Spark's Scala and
 * Jackson): their class path is resolved by Maven from the separate POM
 * {@code src/test/brokers/kafka/pom.xml}, once, by {@link #brokerClasspath()}.
 *
 * <p>Lifecycle: the constructor picks two free loopback ports (client, controller) and writes
 * {@code server.properties}; {@link #start()} formats the log directory on first use
 * ({@code kafka.tools.StorageTool format}), starts {@code java -cp CP kafka.Kafka server.properties}
 * and waits until the broker answers a {@code describeCluster}; {@link #stop()} sends SIGTERM
 * (controlled shutdown) and waits; {@link #start()} again restarts the same broker on the same ports
 * and log directory, with its topics, records and committed offsets. The broker's output goes to
 * {@code <dir>/broker.log}. A JVM shutdown hook kills a broker left running by a crashed test.
 * Not thread-safe; one per test class.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static List<String> classpath;

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Path serverProperties;
    private final Path log;
    private Process process;
    private Thread shutdownHook;

    /**
     * Prepares (does not start) a broker whose files live under {@code dir}.
     *
     * @throws UncheckedIOException when the folder cannot be written
     */
    public KafkaBroker(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.port = freePort();
        this.controllerPort = freePort();
        this.serverProperties = this.dir.resolve("server.properties");
        this.log = this.dir.resolve("broker.log");
        try {
            Files.createDirectories(this.dir);
            Files.writeString(serverProperties, """
                    process.roles=broker,controller
                    node.id=1
                    controller.quorum.voters=1@127.0.0.1:%2$d
                    listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                    advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                    controller.listener.names=CONTROLLER
                    inter.broker.listener.name=PLAINTEXT
                    listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                    log.dirs=%3$s
                    num.partitions=1
                    auto.create.topics.enable=false
                    offsets.topic.replication.factor=1
                    offsets.topic.num.partitions=1
                    transaction.state.log.replication.factor=1
                    transaction.state.log.min.isr=1
                    share.coordinator.state.topic.replication.factor=1
                    share.coordinator.state.topic.min.isr=1
                    group.initial.rebalance.delay.ms=0
                    """.formatted(port, controllerPort, this.dir.resolve("data").toString().replace('\\', '/')));
            Files.writeString(this.dir.resolve("log4j2.properties"), """
                    rootLogger.level = warn
                    rootLogger.appenderRef.out.ref = out
                    appender.out.type = Console
                    appender.out.name = out
                    appender.out.layout.type = PatternLayout
                    appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%c{1}] %m%n
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts (or restarts) the broker and waits until it answers; formats the log directory first
     * when it was never formatted.
     *
     * @throws IllegalStateException when it is running already, exits early or does not answer within 90 s
     *                               (the message carries the end of {@code broker.log})
     */
    public KafkaBroker start() {
        if (process != null) {
            throw new IllegalStateException("the Kafka broker is running already");
        }
        long t0 = System.nanoTime();
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            // the cluster id StorageTool random-uuid prints: the same function, without starting a JVM for it
            run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                    serverProperties.toString()), Duration.ofSeconds(60));
        }
        try {
            process = new ProcessBuilder(command(List.of("-Xmx512m", "-XX:+UseSerialGC"),
                    List.of("kafka.Kafka", serverProperties.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
        Process p = process;
        shutdownHook = new Thread(p::destroyForcibly, "kafka-broker-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady(p);
        LOG.info("Kafka broker on {} ready in {} ms", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
        return this;
    }

    private void awaitReady(Process p) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    process = null;
                    throw new IllegalStateException("the Kafka broker exited with " + p.exitValue() + ":\n" + logTail());
                }
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                }
            }
        }
        stop();
        throw new IllegalStateException("the Kafka broker did not answer within " + START_TIMEOUT + " (" + last
                + "):\n" + logTail());
    }

    /**
     * Stops the broker: SIGTERM (a controlled shutdown, ~1–3 s), then waits; kills it after 30 s.
     * Keeps the log directory, so {@link #start()} brings the same broker back.
     */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Kafka broker did not stop within {}; killing it", STOP_TIMEOUT);
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client (PLAINTEXT) port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** True while the broker process runs. */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Creates a topic with replication factor 1 and waits for it (automatic topic creation is off).
     *
     * @throws IllegalStateException when the broker refuses
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin client for this broker; close it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(p);
    }

    /** The end of {@code broker.log} (for failure messages). */
    public String logTail() {
        try {
            if (!Files.exists(log)) {
                return "(no broker.log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(broker.log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void run(List<String> mainAndArgs, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command(List.of("-Xmx256m"), mainAndArgs))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(mainAndArgs.get(0) + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(mainAndArgs.get(0) + " failed with " + p.exitValue() + ":\n" + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> command(List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri());
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, brokerClasspath()));
        cmd.addAll(mainAndArgs);
        return cmd;
    }

    /**
     * The broker's class path (kafka_2.13 and its dependencies, log4j2 binding), resolved by Maven
     * from {@code src/test/brokers/kafka/pom.xml} with {@code dependency:build-classpath} the first
     * time a test needs it and cached in {@code target/test-brokers/kafka.classpath} until that POM
     * changes. Maven is the one running the build: {@code plantwatch.maven.home} (failsafe passes
     * {@code ${maven.home}}), else {@code mvn} on the PATH; the same settings file, local repository
     * and offline mode as the outer build (system properties {@code plantwatch.maven.settings},
     * {@code plantwatch.maven.repo.local}, {@code plantwatch.maven.offline}, {@code offline=true} or {@code offline=false}).
     *
     * @throws IllegalStateException when Maven fails (the message carries its output)
     */
    public static synchronized List<String> brokerClasspath() {
        if (classpath != null) {
            return classpath;
        }
        Path repo = TestPaths.repo();
        Path pom = repo.resolve("src/test/brokers/kafka/pom.xml");
        Path out = repo.resolve("target/test-brokers/kafka.classpath");
        try {
            if (!upToDate(out, pom)) {
                Files.createDirectories(out.getParent());
                resolveWithMaven(repo, pom, out);
            }
            classpath = List.of(Files.readString(out).trim().split(java.io.File.pathSeparator));
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean upToDate(Path out, Path pom) throws IOException {
        if (!Files.exists(out) || Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(pom)) < 0) {
            return false;
        }
        String text = Files.readString(out).trim();
        return !text.isEmpty() && java.util.Arrays.stream(text.split(java.io.File.pathSeparator))
                .allMatch(jar -> Files.exists(Path.of(jar)));
    }

    private static void resolveWithMaven(Path repo, Path pom, Path out) throws IOException {
        String home = System.getProperty("plantwatch.maven.home", "");
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        String exe = windows ? "mvn.cmd" : "mvn";
        List<String> cmd = new ArrayList<>();
        cmd.add(home.isBlank() ? exe : Path.of(home, "bin", exe).toString());
        cmd.addAll(List.of("-B", "-q", "-f", pom.toString()));
        Path settings = Path.of(System.getProperty("plantwatch.maven.settings",
                repo.resolve(".mvn/settings.xml").toString()));
        if (Files.exists(settings)) {
            cmd.addAll(List.of("-s", settings.toString()));
        }
        String localRepo = System.getProperty("plantwatch.maven.repo.local", "");
        if (!localRepo.isBlank()) {
            cmd.add("-Dmaven.repo.local=" + localRepo);
        }
        if (System.getProperty("plantwatch.maven.offline", "").endsWith("true")) {
            cmd.add("-o");
        }
        cmd.addAll(List.of("dependency:build-classpath", "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=runtime"));
        Path logFile = out.resolveSibling("kafka-resolve.log");
        LOG.info("resolving the Kafka test broker's class path: {}", String.join(" ", cmd));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        try {
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("Maven did not resolve the Kafka broker within 15 min; see " + logFile);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0 || !Files.exists(out)) {
            throw new IllegalStateException("Maven could not resolve the Kafka test broker (" + String.join(" ", cmd)
                    + "), exit " + p.exitValue() + ":\n" + Files.readString(logFile));
        }
        LOG.info("Kafka test broker class path resolved in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Topic name → partition count, for assertions. */
    public Map<String, Integer> topics() {
        try (Admin admin = admin()) {
            Collection<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
