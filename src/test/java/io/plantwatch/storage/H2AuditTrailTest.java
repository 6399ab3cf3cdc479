package io.plantwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditChain;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditRecord;
import io.plantwatch.audit.ChainVerification;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hash-chained audit trail on a real H2 file: appends, verification, tampering with SQL, export. */
class H2AuditTrailTest {

    private static final Instant T0 = Instant.parse("2026-11-20T06:00:00.123456789Z");

    @TempDir
    Path dataDir;

    private Database db;
    private H2AuditTrail trail;

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        trail = new H2AuditTrail(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static AuditEvent event(int i) {
        return new AuditEvent(T0.plusSeconds(i), "alice", "cr-pc1", i % 2 == 0 ? AuditAction.ALARM_ACKNOWLEDGE
                : AuditAction.ALARM_SHELVE, "P-101/flow:LO", i % 3 == 0 ? null : "UNACK", "ACKED", "OK; note " + i, i % 5 == 0);
    }

    private void fill(int n) {
        for (int i = 1; i <= n; i++) {
            assertThat(trail.append(event(i))).isEqualTo(i);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    @Test
    void appendedRowsChainAndVerify() {
        fill(10);

        ChainVerification v = trail.verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.rowsVerified()).isEqualTo(10);
        assertThat(v.summary()).startsWith("10 rows verified; head hash ");
        List<AuditRecord> rows = trail.read(1, 100);
        assertThat(rows.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).prevHash()).isEqualTo(rows.get(i - 1).hash());
        }
        assertThat(v.headHash()).isEqualTo(rows.get(9).hash());
        assertThat(rows.get(0).event().time()).as("stored to the microsecond").isEqualTo(Instant.parse("2026-11-20T06:00:01.123456Z"));
    }

    @Test
    void theHashIsSha256OverThePreviousHashAndTheDocumentedCanonicalForm() throws Exception {
        AuditEvent e = new AuditEvent(Instant.parse("2026-11-20T06:00:00.5Z"), "Ålice", "cr-pc1",
                AuditAction.ALARM_ACKNOWLEDGE, "P-101/flow:LO", "UNACK", null, "OK", false);
        trail.append(e);

        String canonical = AuditChain.canonical(1, e);
        assertThat(canonical).isEqualTo("v1|1|1795154400500000|6:Ålice|6:cr-pc1|ALARM_ACKNOWLEDGE|13:P-101/flow:LO|5:UNACK|-|2:OK|0");
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(new byte[32]);
        String expected = AuditChain.hex(sha.digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(trail.read(1, 1).get(0).hash()).isEqualTo(expected);
    }

    @Test
    void emptyTrailVerifies() {
        assertThat(trail.verify()).isEqualTo(ChainVerification.intact(0, AuditChain.GENESIS));
    }

    /** Each stored field, changed directly in H2 with SQL: row 4 is reported, with what differs. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            event_time; UPDATE audit_trail SET event_time = event_time + INTERVAL '1' SECOND WHERE sequence = 4; fields no longer match
            operator;   UPDATE audit_trail SET operator = 'bob' WHERE sequence = 4;                                fields no longer match
            host;       UPDATE audit_trail SET host = 'elsewhere' WHERE sequence = 4;                               fields no longer match
            action;     UPDATE audit_trail SET action = 'ALARM_RESET' WHERE sequence = 4;                           fields no longer match
            unknown action; UPDATE audit_trail SET action = 'NOTHING' WHERE sequence = 4;                           unknown action 'NOTHING'
            target;     UPDATE audit_trail SET target = 'P-102/flow:LO' WHERE sequence = 4;                         fields no longer match
            old_value;  UPDATE audit_trail SET old_value = 'ACKED' WHERE sequence = 4;                              fields no longer match
            old_value to null; UPDATE audit_trail SET old_value = NULL WHERE sequence = 4;                          fields no longer match
            new_value;  UPDATE audit_trail SET new_value = 'NORMAL' WHERE sequence = 4;                             fields no longer match
            result;     UPDATE audit_trail SET result = 'REFUSED' WHERE sequence = 4;                               fields no longer match
            automatic;  UPDATE audit_trail SET automatic = NOT automatic WHERE sequence = 4;                        fields no longer match
            row_hash;   UPDATE audit_trail SET row_hash = REPEAT('a', 64) WHERE sequence = 4;                       fields no longer match
            prev_hash;  UPDATE audit_trail SET prev_hash = REPEAT('b', 64) WHERE sequence = 4;                      link to the previous row
            sequence;   UPDATE audit_trail SET sequence = 40 WHERE sequence = 4;                                    row 4 is missing
            deleted row; DELETE FROM audit_trail WHERE sequence = 4;                                                row 4 is missing
            """)
    void aRowChangedInTheDatabaseIsTheFirstTamperedRow(String field, String statement, String problem) throws Exception {
        fill(8);

        sql(statement);
        ChainVerification v = trail.verify();

        assertThat(v.intact()).as(field).isFalse();
        assertThat(v.firstBadSequence()).as(field).isEqualTo(4);
        assertThat(v.rowsVerified()).isEqualTo(3);
        assertThat(v.problem()).contains(problem);
        assertThat(v.summary()).startsWith("row 4 was tampered with: ");
    }

    @Test
    void deletedRowsAtTheStartAndInARowAreNamed() throws Exception {
        fill(8);
        sql("DELETE FROM audit_trail WHERE sequence IN (1, 2)");

        ChainVerification v = trail.verify();

        assertThat(v.firstBadSequence()).isEqualTo(1);
        assertThat(v.problem()).isEqualTo("rows 1 to 2 are missing (deleted)");
    }

    @Test
    void aRowRewrittenWithARecomputedHashIsFoundThroughTheNextRowsLink() throws Exception {
        fill(8);
        AuditRecord r4 = trail.read(4, 1).get(0);
        AuditEvent forged = new AuditEvent(r4.event().time(), "bob", r4.event().host(), r4.event().action(),
                r4.event().target(), r4.event().oldValue(), r4.event().newValue(), r4.event().result(), r4.event().automatic());
        String hash = AuditChain.hex(new AuditChain().hash(AuditChain.unhex(r4.prevHash()), 4, forged));
        sql("UPDATE audit_trail SET operator = 'bob', row_hash = '" + hash + "' WHERE sequence = 4");

        ChainVerification v = trail.verify();

        assertThat(v.firstBadSequence()).isEqualTo(4);
        assertThat(v.problem()).contains("rewritten and its hash recomputed");
    }

    @Test
    void truncationIsNotInTheChainButChangesTheHeadHash() throws Exception {
        fill(8);
        String head = trail.verify().headHash();
        sql("DELETE FROM audit_trail WHERE sequence = 8");

        ChainVerification v = trail.verify();

        assertThat(v.intact()).as("a hash chain cannot see its own end cut off").isTrue();
        assertThat(v.rowsVerified()).isEqualTo(7);
        assertThat(v.headHash()).as("which the noted head hash reveals").isNotEqualTo(head);
    }

    @Test
    @Timeout(60)
    void concurrentAppendsGetConsecutiveSequencesAndTheChainHolds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> seqs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            seqs.add(pool.submit(() -> trail.append(event(n))));
        }
        List<Long> got = new ArrayList<>();
        for (Future<Long> f : seqs) {
            got.add(f.get());
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(got).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(trail.verify().rowsVerified()).isEqualTo(40);
    }

    @Test
    void aReopenedTrailContinuesTheChain() {
        fill(3);
        db.close();
        db = Database.open(dataDir);
        trail = new H2AuditTrail(db);

        assertThat(trail.lastSequence()).isEqualTo(3);
        assertThat(trail.append(event(4))).isEqualTo(4);
        assertThat(trail.verify().rowsVerified()).isEqualTo(4);
    }

    @Test
    void bulkAppendsChainLikeSingleOnesAndVerifyReadsAcrossPages() {
        List<AuditEvent> many = new ArrayList<>();
        for (int i = 1; i <= H2AuditTrail.PAGE + 5; i++) {
            many.add(event(i));
        }
        assertThat(trail.appendAll(many)).isEqualTo(H2AuditTrail.PAGE + 5);
        trail.append(event(0));

        assertThat(trail.verify().rowsVerified()).isEqualTo(H2AuditTrail.PAGE + 6);
    }

    @Test
    void exportWritesEveryRowAsCsvWithBothHashes() throws Exception {
        trail.append(new AuditEvent(T0, "alice", "cr-pc1", AuditAction.ALARM_SHELVE, "P-101/flow:LO", "UNACK",
                "SHELVED", "OK; for PT30M; transmitter, \"being\" replaced", false));
        trail.append(new AuditEvent(T0, "auto:HIHI P-101", "cr-pc1", AuditAction.COMMAND_EXECUTE, "P-101/shutdown", null,
                null, "OK", true));
        StringWriter out = new StringWriter();

        long n = trail.exportCsv(out);

        String[] lines = out.toString().split("\r\n");
        assertThat(n).isEqualTo(2);
        assertThat(lines[0]).isEqualTo("sequence,time_utc,operator,host,action,target,old_value,new_value,result,automatic,"
                + "prev_hash,row_hash");
        assertThat(lines[1]).startsWith("1,2026-11-20T06:00:00.123456Z,alice,cr-pc1,ALARM_SHELVE,P-101/flow:LO,UNACK,SHELVED,"
                + "\"OK; for PT30M; transmitter, \"\"being\"\" replaced\",false," + AuditChain.GENESIS + ",")
                .endsWith(trail.read(1, 1).get(0).hash());
        assertThat(lines[2]).startsWith("2,2026-11-20T06:00:00.123456Z,auto:HIHI P-101,cr-pc1,COMMAND_EXECUTE,P-101/shutdown,,,OK,true,");
    }
}
