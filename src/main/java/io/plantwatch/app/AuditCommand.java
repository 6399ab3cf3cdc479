package io.plantwatch.app;

import io.plantwatch.audit.ChainVerification;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AuditTrail;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code plantwatch audit verify|export}: checks the audit trail's hash chain, or writes it as CSV,
 * with the console closed (H2 allows one process).
 *
 * <p>Exit codes of {@code verify}: 0 when every row is as written ("N rows verified" and the head
 * hash on stdout); 1 when a row was tampered with (its sequence and what differs on stdout); 2 when
 * the database cannot be opened or read.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit trail: verify its hash chain, export it as CSV (console closed).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand implements Runnable {

    @Option(names = {"--data", "--data-dir"}, paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Data directory (default: the per-user data directory).")
    Path dataDir;

    @Override
    public void run() {
        System.err.println("choose: audit verify | audit export --csv FILE (see --help)");
    }

    private Path data() {
        Path d = dataDir == null ? AppDirs.defaultDataDir() : dataDir;
        if (!Files.exists(d.resolve("plantwatch.mv.db"))) {
            throw new IllegalArgumentException("there is no PlantWatch database in " + d + "; pass --data DIR");
        }
        return d;
    }

    /** {@code audit verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every row's hash; report the first tampered row (exit 1) or the rows verified (exit 0).")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            ChainVerification v;
            try (Database db = Database.open(parent.data())) {
                v = new H2AuditTrail(db).verify();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (v.intact()) {
                System.out.println(v.summary() + String.format(" (%,d ms)", ms));
                return 0;
            }
            System.out.println("TAMPERED: " + v.summary());
            return 1;
        }
    }

    /** {@code audit export --csv FILE}. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the audit trail as CSV (UTF-8).")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file to write.")
        Path csv;

        @Override
        public Integer call() throws IOException {
            long rows;
            try (Database db = Database.open(parent.data());
                    Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                rows = new H2AuditTrail(db).exportCsv(out);
            }
            System.out.printf("exported %,d rows to %s%n", rows, csv.toAbsolutePath());
            return 0;
        }
    }
}
