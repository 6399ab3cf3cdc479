package io.plantwatch.storage;

import io.plantwatch.domain.DeadLetter;
import io.plantwatch.domain.RejectedReading;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead letters in H2 (table {@code dead_letter}): input that could not become a reading, with the
 * reason; the payload is truncated to {@value #MAX_PAYLOAD} characters. Thread-safe.
 */
public final class H2DeadLetters {

    /** Longest payload kept, characters. */
    public static final int MAX_PAYLOAD = 1024;

    private final Database db;
    private final Clock clock;

    public H2DeadLetters(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Stores one rejected input.
     *
     * @throws StorageException when it cannot be written
     */
    public void store(RejectedReading r) {
        String payload = r.raw() == null ? "" : r.raw();
        if (payload.length() > MAX_PAYLOAD) {
            payload = payload.substring(0, MAX_PAYLOAD) + "…";
        }
        String reason = r.reason().length() > 1000 ? r.reason().substring(0, 999) + "…" : r.reason();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dead_letter (source, position, received_at, reason, payload) VALUES (?,?,?,?,?)")) {
            ps.setString(1, r.source());
            ps.setLong(2, r.position());
            ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setString(4, reason);
            ps.setString(5, payload);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("dead letter from " + r.source() + " not stored: " + e.getMessage(), e);
        }
    }

    /** Number of dead letters per reason, most frequent first. */
    public Map<String, Long> countsByReason() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT reason, COUNT(*) FROM dead_letter GROUP BY reason ORDER BY COUNT(*) DESC");
                ResultSet rs = ps.executeQuery()) {
            Map<String, Long> out = new LinkedHashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("dead letters could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The most recently stored dead letters, newest first (by storage order).
     *
     * @param limit most rows returned, at least 1
     * @throws IllegalArgumentException when limit is below 1
     * @throws StorageException         when the table cannot be read
     */
    public List<DeadLetter> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, received_at, source, position, reason, payload FROM dead_letter ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<DeadLetter> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new DeadLetter(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StorageException("dead letters could not be read: " + e.getMessage(), e);
        }
    }
}
