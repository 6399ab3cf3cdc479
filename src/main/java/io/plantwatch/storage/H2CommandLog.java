package io.plantwatch.storage;

import io.plantwatch.command.CommandLog;
import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.CommandStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command log in H2 (table {@code command}, migration V4): one row per executed command, updated
 * at each status change ({@code MERGE} on the id). Each save is its own committed transaction, so a
 * command is on record before it is published. Texts longer than their columns are cut with an ellipsis.
 * Thread-safe.
 */
public final class H2CommandLog implements CommandLog {

    private static final String COLUMNS = "id, device, command, cmd_value, topic, operator, host, automatic, note, "
            + "process_value, status, reason, armed_at, queued_at, sent_at, completed_at";

    private final Database db;

    public H2CommandLog(Database db) {
        this.db = db;
    }

    /** @throws StorageException when the row cannot be written */
    @Override
    public void save(CommandRecord r) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "MERGE INTO command (" + COLUMNS + ") KEY (id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.device());
            ps.setString(3, r.command());
            ps.setString(4, cut(r.value(), 200));
            ps.setString(5, cut(r.topic(), 500));
            ps.setString(6, cut(r.operator(), 100));
            ps.setString(7, cut(r.host(), 255));
            ps.setBoolean(8, r.automatic());
            ps.setString(9, cut(r.note(), 2000));
            ps.setString(10, cut(r.processValue(), 100));
            ps.setString(11, r.status().name());
            ps.setString(12, cut(r.reason(), 2000));
            ps.setObject(13, time(r.armedAt()));
            ps.setObject(14, time(r.queuedAt()));
            ps.setObject(15, time(r.sentAt()));
            ps.setObject(16, time(r.completedAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("command " + r.id() + " (" + r.key() + " " + r.status() + ") not stored: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CommandRecord> find(String id) {
        List<CommandRecord> rows = query("SELECT " + COLUMNS + " FROM command WHERE id = ?", id, 1);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** @throws IllegalArgumentException when limit is below 1 */
    @Override
    public List<CommandRecord> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return query("SELECT " + COLUMNS + " FROM command ORDER BY queued_at DESC, id LIMIT ?", null, limit);
    }

    private List<CommandRecord> query(String sql, String id, int limit) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setString(1, id);
            } else {
                ps.setInt(1, limit);
            }
            List<CommandRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CommandRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9),
                            rs.getString(10), CommandStatus.valueOf(rs.getString(11)), rs.getString(12), instant(rs, 13),
                            instant(rs, 14), instant(rs, 15), instant(rs, 16)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("command log could not be read: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
