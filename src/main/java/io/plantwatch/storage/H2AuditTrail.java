package io.plantwatch.storage;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditChain;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditException;
import io.plantwatch.audit.AuditRecord;
import io.plantwatch.audit.AuditTrail;
import io.plantwatch.audit.ChainVerification;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail in H2 (table {@code audit_trail}, migration V3), hash-chained as
 * {@link AuditChain} describes: each row stores its predecessor's hash and its own.
 *
 * <p><b>Appending</b> is serialised (one row at a time, in sequence order) and durable: each row is
 * its own committed transaction, followed by {@code CHECKPOINT SYNC}, which makes H2 write its
 * store and force it to the device before {@link #append} returns (H2 otherwise writes committed
 * changes in the background, up to about a second later). The next sequence number and the last
 * hash are kept in memory, read from the table's last row when the trail is opened.
 *
 * <p><b>Verifying</b> ({@link #verify}) reads every row once, in sequence order, in pages of
 * {@value #PAGE} rows through forward-only result sets (memory stays flat for any length),
 * recomputes each hash with one reused {@link java.security.MessageDigest}, and stops
 * at the first row that is not as written. It may run while rows are appended (it sees the rows
 * committed when it started reading).
 *
 * <p>Thread-safe.
 */
public final class H2AuditTrail implements AuditTrail {

    private static final String COLUMNS = "sequence, event_time, operator, host, action, target, old_value, new_value, "
            + "result, automatic, prev_hash, row_hash";
    private static final String INSERT = "INSERT INTO audit_trail (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
    /** Rows a scan (verification, export) reads from H2 per query. */
    static final int PAGE = 10_000;
    private static final DateTimeFormatter CSV_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Database db;
    private final AuditChain chain = new AuditChain();
    private final boolean syncEachAppend;
    private long lastSequence;
    private byte[] lastHash;

    /**
     * Opens the trail in a database, durable per row.
     *
     * @throws StorageException when the table cannot be read
     */
    public H2AuditTrail(Database db) {
        this(db, true);
    }

    /**
     * @param syncEachAppend false only for bulk loads that {@link #sync} at the end (the benchmark);
     *                       rows are then durable at the next sync, not when {@link #append} returns
     * @throws StorageException when the table cannot be read
     */
    public H2AuditTrail(Database db, boolean syncEachAppend) {
        this.db = db;
        this.syncEachAppend = syncEachAppend;
        try (Connection c = db.connection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sequence, row_hash FROM audit_trail ORDER BY sequence DESC LIMIT 1")) {
            if (rs.next()) {
                lastSequence = rs.getLong(1);
                lastHash = AuditChain.unhex(rs.getString(2));
            } else {
                lastSequence = 0;
                lastHash = new byte[32];
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StorageException("the audit trail could not be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Stores a row at the end of the trail; returns once it is on disk.
     *
     * @throws AuditException when it cannot be stored (the trail is then unchanged)
     */
    @Override
    public synchronized long append(AuditEvent event) {
        return appendAll(List.of(event));
    }

    /**
     * Stores rows at the end of the trail in one transaction (all or none); returns once they are on disk.
     *
     * @return the last row's sequence number
     * @throws AuditException when they cannot be stored (the trail is then unchanged)
     */
    public synchronized long appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return lastSequence;
        }
        long seq = lastSequence;
        byte[] prev = lastHash;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (AuditEvent e : events) {
                    seq++;
                    byte[] hash = chain.hash(prev, seq, e);
                    bind(ps, seq, e, prev, hash);
                    prev = hash;
                    if (events.size() == 1) {
                        ps.executeUpdate();
                    } else {
                        ps.addBatch();
                    }
                }
                if (events.size() > 1) {
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            if (syncEachAppend) {
                try (Statement st = c.createStatement()) {
                    st.execute("CHECKPOINT SYNC");
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw new AuditException("audit row " + (lastSequence + 1) + " (" + events.get(0).action() + " by "
                    + events.get(0).operator() + ") could not be stored: " + e.getMessage(), e);
        }
        lastSequence = seq;
        lastHash = prev;
        return seq;
    }

    /** Forces everything appended to the device ({@code CHECKPOINT SYNC}). @throws AuditException when it fails */
    public void sync() {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new AuditException("the audit trail could not be synced: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, long seq, AuditEvent e, byte[] prev, byte[] hash) throws SQLException {
        ps.setLong(1, seq);
        ps.setObject(2, OffsetDateTime.ofInstant(AuditChain.stored(e.time()), ZoneOffset.UTC));
        ps.setString(3, e.operator());
        ps.setString(4, e.host());
        ps.setString(5, e.action().name());
        ps.setString(6, e.target());
        ps.setString(7, e.oldValue());
        ps.setString(8, e.newValue());
        ps.setString(9, e.result());
        ps.setBoolean(10, e.automatic());
        ps.setString(11, AuditChain.hex(prev));
        ps.setString(12, AuditChain.hex(hash));
    }

    /** The sequence number of the last row appended (0 for an empty trail). */
    public synchronized long lastSequence() {
        return lastSequence;
    }

    /**
     * Rows from a sequence number on, in order.
     *
     * @param limit most rows, at least 1
     * @throws AuditException when the table cannot be read
     */
    public List<AuditRecord> read(long fromSequence, int limit) {
        return query("SELECT " + COLUMNS + " FROM audit_trail WHERE sequence >= ? ORDER BY sequence LIMIT ?", fromSequence,
                limit);
    }

    /**
     * The newest rows, oldest of them first.
     *
     * @param limit most rows, at least 1
     * @throws AuditException when the table cannot be read
     */
    public List<AuditRecord> latest(int limit) {
        List<AuditRecord> rows = new ArrayList<>(query("SELECT " + COLUMNS
                + " FROM audit_trail WHERE sequence > ? ORDER BY sequence DESC LIMIT ?", Long.MIN_VALUE, limit));
        java.util.Collections.reverse(rows);
        return rows;
    }

    private List<AuditRecord> query(String sql, long from, int limit) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setInt(2, limit);
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            throw new AuditException("the audit trail could not be read: " + e.getMessage(), e);
        }
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        AuditEvent e = new AuditEvent(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                AuditAction.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getBoolean(10));
        return new AuditRecord(rs.getLong(1), e, rs.getString(11), rs.getString(12));
    }

    /** Receives each row a scan reads, in sequence order. */
    @FunctionalInterface
    private interface RowVisitor {
        /** @return false to stop */
        boolean visit(ResultSet rs) throws SQLException, IOException;
    }

    /**
     * Reads every row in sequence order, a page of {@link #PAGE} rows at a time (keyset pagination
     * on the primary key: {@code WHERE sequence > last ORDER BY sequence LIMIT n}), each page through
     * a forward-only, read-only result set with the page as fetch size. H2's lazy query execution,
     * which would stream one query, is not used: on 2.x it can fail a long scan with "Chunk … not
     * found" when the store rewrites chunks meanwhile (h2database issues #4142, #4383).
     */
    private void scan(RowVisitor visitor) throws SQLException, IOException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT sequence, "
                + "DATEDIFF(MICROSECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', event_time), "
                + "operator, host, action, target, old_value, new_value, result, automatic, prev_hash, row_hash "
                + "FROM audit_trail WHERE sequence > ? ORDER BY sequence LIMIT ?",
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(PAGE);
            long last = Long.MIN_VALUE;
            while (true) {
                ps.setLong(1, last);
                ps.setInt(2, PAGE);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        last = rs.getLong(1);
                        if (!visitor.visit(rs)) {
                            return;
                        }
                    }
                }
                if (n < PAGE) {
                    return;
                }
            }
        }
    }

    /**
     * Checks the whole chain from row 1 (see the class comment). Rows, in sequence order, must be
     * numbered 1, 2, 3… without gaps; each row's stored previous hash must be the row before's stored
     * hash; and each row's stored hash must be SHA-256 over them and its fields.
     *
     * @return the first row that is not as written, with what differs; or the number of rows verified
     * @throws AuditException when the table cannot be read
     */
    public ChainVerification verify() {
        AuditChain hasher = new AuditChain();
        long[] expected = {1};
        String[] prevStored = {AuditChain.GENESIS};
        byte[][] prevBytes = {new byte[32]};
        ChainVerification[] bad = {null};
        try {
            scan(rs -> {
                long seq = rs.getLong(1);
                long n = expected[0];
                if (seq != n) {
                    bad[0] = new ChainVerification(n - 1, n, seq > n
                            ? (seq - n == 1 ? "row " + n + " is missing (deleted)" : "rows " + n + " to " + (seq - 1)
                                    + " are missing (deleted)")
                            : "sequence " + seq + " out of order", prevStored[0]);
                    return false;
                }
                String prev = rs.getString(11);
                String stored = rs.getString(12);
                String action = rs.getString(5);
                if (!prevStored[0].equals(prev)) {
                    // is this row consistent with the link it stores? then the row before was rewritten and re-hashed
                    boolean selfConsistent;
                    try {
                        selfConsistent = AuditChain.matches(hash(hasher, AuditChain.unhex(prev), seq, rs), stored);
                    } catch (IllegalArgumentException e) {
                        selfConsistent = false;
                    }
                    bad[0] = selfConsistent && n > 1
                            ? new ChainVerification(n - 2, n - 1, "it was rewritten and its hash recomputed: row " + n
                                    + " still links to its original hash " + prev, prevStored[0])
                            : new ChainVerification(n - 1, n, "its link to the previous row (prev_hash) was changed: it is "
                                    + prev + ", the previous row's hash is " + prevStored[0], prevStored[0]);
                    return false;
                }
                byte[] computed = hash(hasher, prevBytes[0], seq, rs);
                boolean known = isAction(action);
                if (!known || !AuditChain.matches(computed, stored)) {
                    bad[0] = new ChainVerification(n - 1, n, (known ? "" : "unknown action '" + action + "'; ")
                            + "its fields no longer match its hash (changed after it was written); now: "
                            + describe(rs), prevStored[0]);
                    return false;
                }
                prevStored[0] = stored;
                prevBytes[0] = computed;
                expected[0] = n + 1;
                return true;
            });
        } catch (SQLException | IOException | RuntimeException e) {
            throw new AuditException("the audit trail could not be read: " + e.getMessage(), e);
        }
        return bad[0] != null ? bad[0] : ChainVerification.intact(expected[0] - 1, prevStored[0]);
    }

    private static byte[] hash(AuditChain hasher, byte[] prev, long seq, ResultSet rs) throws SQLException {
        return hasher.hash(prev, seq, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10));
    }

    private static boolean isAction(String name) {
        for (AuditAction a : AuditAction.values()) {
            if (a.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ResultSet rs) throws SQLException {
        return "time=" + Instant.EPOCH.plus(rs.getLong(2), java.time.temporal.ChronoUnit.MICROS) + ", operator="
                + rs.getString(3) + ", host=" + rs.getString(4) + ", action=" + rs.getString(5) + ", target="
                + rs.getString(6) + ", old=" + rs.getString(7) + ", new=" + rs.getString(8) + ", result="
                + rs.getString(9) + ", automatic=" + rs.getBoolean(10) + ", hash=" + rs.getString(12);
    }

    /** The CSV header's column names, in order. */
    public static final List<String> CSV_HEADER = List.of("sequence", "time_utc", "operator", "host", "action", "target",
            "old_value", "new_value", "result", "automatic", "prev_hash", "row_hash");

    /**
     * Writes the whole trail as CSV (RFC 4180, as {@link AlarmJournalCsv}: header, CRLF, quoting when
     * needed; time ISO-8601 UTC to the microsecond; a null old or new value is an empty field), in
     * sequence order, with both hashes, so that the export can be checked on its own. The writer is
     * flushed, not closed.
     *
     * @return the number of rows written
     * @throws IOException    when writing fails
     * @throws AuditException when the table cannot be read
     */
    public long exportCsv(Writer out) throws IOException {
        out.write(String.join(",", CSV_HEADER));
        out.write("\r\n");
        long[] rows = {0};
        StringBuilder line = new StringBuilder(256);
        try {
            scan(rs -> {
                line.setLength(0);
                line.append(rs.getLong(1)).append(',')
                        .append(CSV_TIME.format(Instant.EPOCH.plus(rs.getLong(2), java.time.temporal.ChronoUnit.MICROS)))
                        .append(',');
                for (int col = 3; col <= 9; col++) {
                    AlarmJournalCsv.field(line, rs.getString(col)).append(',');
                }
                line.append(rs.getBoolean(10)).append(',').append(rs.getString(11)).append(',').append(rs.getString(12));
                out.write(line.toString());
                out.write("\r\n");
                rows[0]++;
                return true;
            });
        } catch (SQLException e) {
            throw new AuditException("the audit trail could not be read: " + e.getMessage(), e);
        }
        out.flush();
        return rows[0];
    }
}
