package io.plantwatch.app;

import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditTrail;
import io.plantwatch.command.ArmedCommand;
import io.plantwatch.command.CommandService;
import io.plantwatch.command.DeviceAlarms;
import io.plantwatch.command.ProcessValues;
import io.plantwatch.domain.CommandCatalog;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandParameter;
import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.CommandStatus;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.ingest.Secrets;
import io.plantwatch.ingest.mqtt.MqttCommandTransport;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.sim.DeviceSimulator;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2CommandLog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch bench commands}: command round trip on loopback, from the operator's confirming
 * click ({@link CommandService#execute}) to the listener hearing ACKNOWLEDGED, through a real broker and
 * the real simulated device ({@link DeviceSimulator}, which answers at once: no device delay). Included:
 * the audit appends of EXECUTE, SENT and ACKNOWLEDGED, three committed rows in the H2 command log
 * (QUEUED, SENT, ACKNOWLEDGED), the QoS 1 PUBLISH with MQTT 5 response topic and correlation data, the
 * device's schema check and its response. Arming is not timed (it happens before the confirmation
 * dialog). Commands run one after another (one in flight, as an operator works). See docs/BENCHMARKS.md.
 *
 * <p>The audit trail is the console's real one, {@link io.plantwatch.storage.H2AuditTrail} on the same file
 * database as the command log (one file, as in the console), hash-chained and synced per append (as in the console); each append is timed too and its
 * p50/p99 reported. {@code --audit-memory} counts the rows instead, for the cost without it.
 */
@Command(name = "commands", mixinStandardHelpOptions = true,
        description = "Measure command round trip (execute -> ACKNOWLEDGED) through a broker and the simulated device.")
public final class BenchCommandsCommand implements Callable<Integer> {

    @Option(names = "--mqtt", paramLabel = "URL", description = "Broker to use (default: start Debian's mosquitto).")
    URI broker;

    @Option(names = "--audit-memory", description = "Count audit rows in memory instead of the H2 audit trail "
            + "(shows the round trip without the audit's cost).")
    boolean auditMemory;

    @Option(names = "--commands", defaultValue = "2000", description = "Measured commands per run. Default: ${DEFAULT-VALUE}.")
    int commands;

    @Option(names = "--warmup", defaultValue = "300", description = "Unmeasured commands before each run. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--runs", defaultValue = "3", description = "Repetitions; medians are reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--broker-nagle", description = "Leave Nagle's algorithm on in the started mosquitto (its default; "
            + "adds a delayed-ACK wait of about 40 ms to a response that follows a PUBACK). Default: set_tcp_nodelay true.")
    boolean brokerNagle;

    @Option(names = "--work-dir", description = "Where the database goes (default: a temporary directory).")
    Path workDir;

    private static final Principal OPERATOR = new Principal("bench", Role.OPERATOR, "bench-host");

    @Override
    public Integer call() throws Exception {
        Path dir = workDir == null ? Files.createTempDirectory("plantwatch-bench-commands-") : workDir;
        Files.createDirectories(dir);
        MosquittoBroker mosquitto = broker == null ? new MosquittoBroker(dir, !brokerNagle) : null;
        URI url = broker != null ? broker : mosquitto.url();
        CommandCatalog catalog = new CommandCatalog(Duration.ofSeconds(30), List.of(new CommandDefinition("BENCH-1",
                "valve_position", "", "commands/BENCH-1/valve_position", CommandParameter.number(0, 100, "%"), Role.OPERATOR,
                false, Duration.ofSeconds(5), null, CommandDefinition.Confirmation.RESPONSE, null)));
        Path rec = dir.resolve("bench-device.csv");
        Files.writeString(rec, "timestamp,device,sensor,value,unit\n2026-01-01T00:00:00Z,BENCH-1,flow,30,L/min\n");
        System.out.printf("broker %s%s, %d commands per run after %d warm-up, %d runs, QoS 1, MQTT 5 request/response%n",
                url, mosquitto == null ? "" : brokerNagle ? " (mosquitto, Nagle on)" : " (mosquitto, set_tcp_nodelay true)",
                commands, warmup, runs);
        AtomicLong auditRows = new AtomicLong();
        java.util.Queue<Long> appendNanos = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        try (Database db = Database.open(dir.resolve("db"));
                DeviceSimulator device = new DeviceSimulator(Recording.load(rec), DeviceSimulator.Settings.mqtt(url)
                        .withSpeed(1, false), Clock.systemUTC(), new DeviceSimulator.Listener() { }, catalog);
                MqttCommandTransport transport = new MqttCommandTransport(MqttSettings.defaults(url)
                        .withSession("bench-console", true, Duration.ZERO), List.of(), Secrets.fromEnvironment());
                CommandService service = new CommandService(catalog, transport, null, new H2CommandLog(db),
                        audit(db, auditRows, appendNanos),
                        ProcessValues.NONE, DeviceAlarms.NONE, Clock.systemUTC())) {
            device.start();
            transport.start();
            if (!transport.awaitReady(Duration.ofSeconds(20))) {
                throw new IllegalStateException("the command connection to " + url + " did not come up");
            }
            service.addListener((CommandRecord r) -> {
                if (r.status().isFinal()) {
                    if (r.status() == CommandStatus.ACKNOWLEDGED) {
                        acknowledgedAt.put(r.id(), System.nanoTime());
                    } else {
                        System.err.printf("command %s ended %s: %s%n", r.id(), r.status(), r.reason());
                    }
                    CountDownLatch l = waiting.remove(r.id());
                    if (l != null) {
                        l.countDown();
                    }
                }
            });
            for (int run = 0; run < runs; run++) {
                roundTrips(service, warmup, waiting, acknowledgedAt);
                double[] ms = roundTrips(service, commands, waiting, acknowledgedAt);
                Arrays.sort(ms);
                p50[run] = pct(ms, 50);
                p99[run] = pct(ms, 99);
                System.out.printf("run %d: execute -> ACKNOWLEDGED p50 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms (%d commands)%n",
                        run + 1, p50[run], p99[run], ms[ms.length - 1], Arrays.stream(ms).average().orElse(0), ms.length);
            }
            System.out.printf("COMMANDS round trip (median of %d runs): p50 %.2f ms, p99 %.2f ms; %,d audit rows (%s)%n", runs,
                    BenchStats.median(p50), BenchStats.median(p99), auditRows.get(),
                    auditMemory ? "counted in memory" : "H2 audit trail, synced per append");
            if (!auditMemory) {
                double[] a = appendNanos.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
                System.out.printf("audit append (H2, hash chain, CHECKPOINT SYNC): p50 %.2f ms, p99 %.2f ms, max %.2f ms "
                        + "(%,d appends: 4 per command, ARM before the timed round trip, EXECUTE, SENT, ACKNOWLEDGED in it)%n", pct(a, 50), pct(a, 99), a[a.length - 1], a.length);
            }
        } finally {
            if (mosquitto != null) {
                mosquitto.close();
            }
        }
        return 0;
    }

    /** {@code n} commands one after another; the round trip of each in ms. */
    private static double[] roundTrips(CommandService service, int n, Map<String, CountDownLatch> waiting,
            Map<String, Long> acknowledgedAt) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ArmedCommand armed = service.arm(OPERATOR, "BENCH-1", "valve_position", String.valueOf(i % 101), "");
            CountDownLatch done = new CountDownLatch(1);
            long t0 = System.nanoTime();
            CommandRecord q = service.execute(OPERATOR, armed.token());
            waiting.put(q.id(), done);
            if (!acknowledgedAt.containsKey(q.id()) && !done.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("command " + q.id() + " did not end within 10 s");
            }
            Long t1 = acknowledgedAt.remove(q.id());
            if (t1 == null) {
                throw new IllegalStateException("command " + q.id() + " was not acknowledged (see above)");
            }
            waiting.remove(q.id());
            ms[i] = (t1 - t0) / 1e6;
        }
        return ms;
    }

    /**
     * The audit trail of the measurement: the console's H2 trail on the command log's database (one file,
     * as in the console), each append timed; or, with {@code --audit-memory}, a counter.
     */
    private AuditTrail audit(Database auditDb, AtomicLong rows, java.util.Queue<Long> appendNanos) {
        if (auditMemory) {
            return (AuditEvent e) -> rows.incrementAndGet();
        }
        io.plantwatch.storage.H2AuditTrail h2 = new io.plantwatch.storage.H2AuditTrail(auditDb);
        return (AuditEvent e) -> {
            long t0 = System.nanoTime();
            long seq = h2.append(e);
            appendNanos.add(System.nanoTime() - t0);
            rows.incrementAndGet();
            return seq;
        };
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
