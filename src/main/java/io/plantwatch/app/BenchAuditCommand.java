package io.plantwatch.app;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.ChainVerification;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AuditTrail;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch bench audit}: fills a fresh H2 audit trail with {@code --rows} hash-chained rows
 * (a mix of logins, alarm actions and command steps, in batches of 10,000 with one sync at the
 * end), then times {@link H2AuditTrail#verify()} {@code --runs} times on the reopened database and
 * reports the median (wall and CPU time of the verifying thread). Target: 1,000,000 rows in under
 * 5 s (issue #5). See docs/BENCHMARKS.md.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Measure audit trail verification (hash chain) over many rows.")
public final class BenchAuditCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the trail. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--runs", defaultValue = "3", description = "Verifications; the median is reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the scratch database goes (default: a temporary directory, deleted after).")
    Path workDir;

    private static final AuditAction[] MIX = {AuditAction.LOGIN, AuditAction.ALARM_ACKNOWLEDGE, AuditAction.ALARM_SHELVE,
        AuditAction.COMMAND_ARM, AuditAction.COMMAND_EXECUTE, AuditAction.COMMAND_SENT, AuditAction.COMMAND_ACKNOWLEDGED,
        AuditAction.ALARM_UNSHELVE, AuditAction.CONFIG_CHANGE, AuditAction.LOGOUT};

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("plantwatch-bench-audit");
        Path data = dir.resolve("data-" + System.nanoTime());
        try {
            long t0 = System.nanoTime();
            try (Database db = Database.open(data)) {
                H2AuditTrail trail = new H2AuditTrail(db, false);
                Instant base = Instant.parse("2026-11-20T06:00:00Z");
                List<AuditEvent> batch = new ArrayList<>(10_000);
                for (int i = 0; i < rows; i++) {
                    AuditAction a = MIX[i % MIX.length];
                    String device = "P-" + (100 + i % 50);
                    batch.add(new AuditEvent(base.plusNanos(i * 250_000L), "operator-" + (i % 12), "control-room-pc" + (i % 3),
                            a, device + (a.name().startsWith("COMMAND") ? "/shutdown" : "/flow:LO"),
                            i % 4 == 0 ? null : "UNACK", i % 4 == 0 ? null : "ACKED", i % 97 == 0 ? "REFUSED: not permitted" : "OK",
                            i % 50 == 0));
                    if (batch.size() == 10_000) {
                        trail.appendAll(batch);
                        batch.clear();
                    }
                }
                trail.appendAll(batch);
                trail.sync();
            }
            System.out.printf("filled %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            try (Database db = Database.open(data)) {
                H2AuditTrail trail = new H2AuditTrail(db);
                for (int r = 0; r < runs; r++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    ChainVerification v = trail.verify();
                    wall[r] = (System.nanoTime() - w0) / 1e9;
                    cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                    if (!v.intact() || v.rowsVerified() != rows) {
                        System.err.println("verification failed: " + v.summary());
                        return 1;
                    }
                    System.out.printf("run %d: %s in %.2f s (CPU %.2f s)%n", r + 1, v.summary(), wall[r], cpu[r]);
                }
            }
            System.out.printf("verify %,d rows: median %.2f s wall, %.2f s CPU (%,.0f rows/s); target < 5 s%n", rows,
                    BenchStats.median(wall), BenchStats.median(cpu), rows / BenchStats.median(wall));
            return 0;
        } finally {
            if (workDir == null) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
