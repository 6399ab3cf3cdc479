package io.plantwatch.storage;

import io.plantwatch.alarm.AlarmJournalStore;
import io.plantwatch.alarm.AlarmStoreException;
import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The alarm journal in H2 (table {@code alarm_transition}). Each {@link #record} is its own
 * committed transaction, so an acknowledgement is durable when the call returns. Thread-safe.
 */
public final class H2AlarmJournal implements AlarmJournalStore {

    private static final String COLUMNS = "alarm_id, tag, limit_level, priority, cause, from_state, to_state, "
            + "event_time, wall_time, process_value, limit_value, actor, comment, "
            + "process_active, latched, shelved_until, suppressed, out_of_service";
    private static final String INSERT = "INSERT INTO alarm_transition (" + COLUMNS + ") "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final Database db;

    public H2AlarmJournal(Database db) {
        this.db = db;
    }

    @Override
    public void record(AlarmTransition t) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, t);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new AlarmStoreException("alarm transition of " + t.alarmId() + " not journaled: " + e.getMessage(), e);
        }
    }

    /**
     * Persists transitions in order, in one transaction (JDBC batch): for a replay's seek, whose silent
     * rebuild can produce tens of thousands (one commit each would cost seconds). All or none.
     *
     * @throws AlarmStoreException when they could not be written (nothing is then written)
     */
    public void recordAll(List<AlarmTransition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        try (Connection c = db.connection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int n = 0;
                for (AlarmTransition t : transitions) {
                    bind(ps, t);
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new AlarmStoreException(transitions.size() + " alarm transitions not journaled: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, AlarmTransition t) throws SQLException {
        {
            ps.setString(1, t.alarmId());
            ps.setString(2, t.tag());
            ps.setString(3, t.level().name());
            ps.setInt(4, t.priority());
            ps.setString(5, t.cause().name());
            ps.setString(6, t.from().name());
            ps.setString(7, t.to().name());
            ps.setObject(8, OffsetDateTime.ofInstant(Instant.ofEpochMilli(t.eventTimeMillis()), ZoneOffset.UTC));
            ps.setObject(9, OffsetDateTime.ofInstant(t.wallTime(), ZoneOffset.UTC));
            if (Double.isFinite(t.value())) {
                ps.setDouble(10, t.value());
            } else {
                ps.setNull(10, Types.DOUBLE);
            }
            ps.setDouble(11, t.limit());
            ps.setString(12, t.actor());
            ps.setString(13, t.comment());
            AlarmTransition.Flags f = t.flags();
            ps.setBoolean(14, f.processActive());
            ps.setBoolean(15, f.latched());
            ps.setObject(16, f.shelvedUntil() == null ? null : OffsetDateTime.ofInstant(f.shelvedUntil(), ZoneOffset.UTC));
            ps.setBoolean(17, f.suppressed());
            ps.setBoolean(18, f.outOfService());
        }
    }

    @Override
    public List<AlarmTransition> latestPerAlarm() {
        String sql = "SELECT " + COLUMNS + " FROM alarm_transition t WHERE id = "
                + "(SELECT MAX(id) FROM alarm_transition u WHERE u.alarm_id = t.alarm_id) ORDER BY id";
        return query(sql);
    }

    /**
     * Deletes every transition: for the replay's own alarm journal, which a seek rebuilds (ADR 0008).
     * Never called on the live journal.
     *
     * @throws AlarmStoreException when the journal cannot be written
     */
    public void clear() {
        try (Connection c = db.connection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM alarm_transition");
        } catch (SQLException e) {
            throw new AlarmStoreException("the replay's alarm journal could not be cleared: " + e.getMessage(), e);
        }
    }

    /** The whole journal, oldest first (for reports and tests). */
    public List<AlarmTransition> all() {
        return query("SELECT " + COLUMNS + " FROM alarm_transition ORDER BY id");
    }

    /**
     * A search of the journal: the transitions that meet {@code filter}, newest event time first (then
     * newest recorded first), at most {@code limit}. The filter's values are bound as parameters, never
     * spliced into the SQL; tag and actor match as case-insensitive substrings ({@code %} and {@code _}
     * in them are literal).
     *
     * @param filter the criteria ({@link AlarmJournalFilter#ALL} for none)
     * @param limit  most rows returned, at least 1
     * @return the matching transitions, newest first
     * @throws IllegalArgumentException when {@code limit < 1}
     * @throws AlarmStoreException      when the journal cannot be read
     */
    public List<AlarmTransition> history(AlarmJournalFilter filter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM alarm_transition WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (filter.from() != null) {
            sql.append(" AND event_time >= ?");
            params.add(utcMillis(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND event_time < ?");
            params.add(utcMillis(filter.to()));
        }
        if (!filter.tag().isEmpty()) {
            sql.append(" AND LOWER(tag) LIKE LOWER(?) ESCAPE '\\'");
            params.add(containsPattern(filter.tag()));
        }
        if (!filter.priorities().isEmpty()) {
            sql.append(" AND priority IN (").append(placeholders(filter.priorities().size())).append(')');
            params.addAll(filter.priorities());
        }
        if (!filter.states().isEmpty()) {
            sql.append(" AND to_state IN (").append(placeholders(filter.states().size())).append(')');
            filter.states().forEach(s -> params.add(s.name()));
        }
        if (!filter.actor().isEmpty()) {
            sql.append(" AND LOWER(actor) LIKE LOWER(?) ESCAPE '\\'");
            params.add(containsPattern(filter.actor()));
        }
        sql.append(" ORDER BY event_time DESC, id DESC FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return query(sql.toString(), params);
    }

    private static OffsetDateTime utcMillis(Instant t) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(t.toEpochMilli()), ZoneOffset.UTC);
    }

    /** {@code %text%} with LIKE's wildcards and the escape character in {@code text} escaped. */
    private static String containsPattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static AlarmTransition.Flags flags(ResultSet rs) throws SQLException {
        OffsetDateTime shelvedUntil = rs.getObject(16, OffsetDateTime.class);
        return new AlarmTransition.Flags(rs.getBoolean(14), rs.getBoolean(15),
                shelvedUntil == null ? null : shelvedUntil.toInstant(), rs.getBoolean(17), rs.getBoolean(18));
    }

    private List<AlarmTransition> query(String sql) {
        return query(sql, List.of());
    }

    private List<AlarmTransition> query(String sql, List<Object> params) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rows(rs);
            }
        } catch (SQLException e) {
            throw new AlarmStoreException("alarm journal could not be read: " + e.getMessage(), e);
        }
    }

    private static List<AlarmTransition> rows(ResultSet rs) throws SQLException {
        List<AlarmTransition> out = new ArrayList<>();
        while (rs.next()) {
            double value = rs.getDouble(10);
            if (rs.wasNull()) {
                value = Double.NaN;
            }
            out.add(new AlarmTransition(rs.getString(1), rs.getString(2), LimitLevel.valueOf(rs.getString(3)),
                    rs.getInt(4), AlarmTransition.Cause.valueOf(rs.getString(5)),
                    AlarmState.valueOf(rs.getString(6)), AlarmState.valueOf(rs.getString(7)),
                    rs.getObject(8, OffsetDateTime.class).toInstant().toEpochMilli(),
                    rs.getObject(9, OffsetDateTime.class).toInstant(), value, rs.getDouble(11),
                    rs.getString(12), rs.getString(13), flags(rs)));
        }
        return out;
    }
}
