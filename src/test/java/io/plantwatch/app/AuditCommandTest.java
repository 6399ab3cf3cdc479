package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditRecord;
import io.plantwatch.domain.Role;
import io.plantwatch.security.OperatorAccount;
import io.plantwatch.security.PasswordHasher;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AuditTrail;
import io.plantwatch.storage.H2OperatorStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plantwatch audit} and {@code plantwatch operators}, run in-process through {@link Main#commandLine()}. */
class AuditCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final StringWriter stderr = new StringWriter();
    private PrintStream realOut;

    @BeforeEach
    void captureStdout() {
        realOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(realOut);
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(stderr, true));
        OperatorsCommand ops = cl.getSubcommands().get("operators").getCommand();
        ops.env = env::get;
        ops.terminal = () -> null;
        return cl.execute(args);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private void trailOf(int rows) {
        try (Database db = Database.open(dataDir)) {
            H2AuditTrail t = new H2AuditTrail(db);
            for (int i = 0; i < rows; i++) {
                t.append(new AuditEvent(Instant.parse("2026-11-20T06:00:00Z").plusSeconds(i), "alice", "cr-pc1",
                        AuditAction.ALARM_ACKNOWLEDGE, "P-101/flow:LO", "UNACK", "ACKED", "OK", false));
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Database db = Database.open(dataDir); Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    @Test
    void verifyOfAnIntactTrailPrintsTheRowsAndExitsZero() {
        trailOf(5);

        int exit = run(Map.of(), "audit", "verify", "--data", dataDir.toString());

        assertThat(exit).isZero();
        assertThat(out()).startsWith("5 rows verified; head hash ");
    }

    @Test
    void verifyOfATamperedTrailNamesTheRowAndExitsOne() throws Exception {
        trailOf(5);
        sql("UPDATE audit_trail SET result = 'REFUSED' WHERE sequence = 3");

        int exit = run(Map.of(), "audit", "verify", "--data", dataDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out()).startsWith("TAMPERED: row 3 was tampered with: its fields no longer match its hash")
                .contains("result=REFUSED");
    }

    @Test
    void verifyWithoutADatabaseExitsTwoWithTheReason() {
        int exit = run(Map.of(), "audit", "verify", "--data", dataDir.resolve("none").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString()).contains("there is no PlantWatch database in");
    }

    @Test
    void exportWritesTheCsv() throws Exception {
        trailOf(3);
        Path csv = dataDir.resolve("audit.csv");

        assertThat(run(Map.of(), "audit", "export", "--csv", csv.toString(), "--data", dataDir.toString())).isZero();

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("sequence,time_utc,operator,");
        assertThat(out()).contains("exported 3 rows");
    }

    @Test
    void operatorsAddListDisableAndPasswdAreAuditedAsTheCommandLine() {
        Map<String, String> env = Map.of("PW", "erin-secret-1", "PW2", "erin-secret-2");
        String data = dataDir.toString();

        assertThat(run(env, "operators", "add", "--name", "erin", "--role", "engineer", "--password-env", "PW", "--data", data))
                .isZero();
        assertThat(run(env, "operators", "add", "--name", "alice", "--role", "operator", "--password-env", "PW", "--data", data))
                .isZero();
        assertThat(run(env, "operators", "passwd", "--name", "erin", "--password-env", "PW2", "--data", data)).isZero();
        assertThat(run(env, "operators", "disable", "--name", "alice", "--data", data)).isZero();
        stdout.reset();
        assertThat(run(env, "operators", "list", "--data", data)).isZero();

        assertThat(out()).containsPattern("alice\\s+operator\\s+disabled").containsPattern("erin\\s+engineer\\s+enabled");
        try (Database db = Database.open(dataDir)) {
            OperatorAccount erin = new H2OperatorStore(db).find("erin").orElseThrow();
            assertThat(erin.role()).isEqualTo(Role.ENGINEER);
            assertThat(new PasswordHasher().verify("erin-secret-2".toCharArray(), erin.passwordHash())).isTrue();
            List<AuditRecord> rows = new H2AuditTrail(db).read(1, 10);
            assertThat(rows).extracting(r -> r.event().action() + " " + r.event().target()).containsExactly(
                    "OPERATOR_ADDED erin", "OPERATOR_ADDED alice", "OPERATOR_CHANGED erin", "OPERATOR_CHANGED alice");
            assertThat(rows).allMatch(r -> r.event().operator().startsWith("cli:"));
        }
    }

    @Test
    void operatorsAddRefusesBadInputWithExitTwo() {
        assertThat(run(Map.of(), "operators", "add", "--name", "bob", "--role", "boss", "--password-env", "PW",
                "--data", dataDir.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("role must be viewer, operator or engineer");
        assertThat(run(Map.of(), "operators", "add", "--name", "bob", "--role", "operator", "--password-env", "PW",
                "--data", dataDir.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("environment variable PW is not set");
        assertThat(run(Map.of(), "operators", "add", "--name", "bob", "--role", "operator", "--data", dataDir.toString()))
                .isEqualTo(2);
        assertThat(stderr.toString()).contains("no terminal to read the password from; use --password-env VAR");
        assertThat(run(Map.of("PW", "short"), "operators", "add", "--name", "bob", "--role", "operator", "--password-env",
                "PW", "--data", dataDir.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("at least 8 characters");
    }
}
