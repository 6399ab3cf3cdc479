package io.plantwatch.storage;

import io.plantwatch.domain.Role;
import io.plantwatch.security.OperatorAccount;
import io.plantwatch.security.OperatorDirectory;
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
 * Operator accounts in H2 (table {@code operator}, migration V3). Each change is its own committed
 * transaction. Thread-safe.
 */
public final class H2OperatorStore implements OperatorDirectory {

    private static final String COLUMNS = "name, role, password_hash, enabled, failed_logins, locked_until, created_at, changed_at";

    private final Database db;

    /** The store in an open (migrated) database. */
    public H2OperatorStore(Database db) {
        this.db = db;
    }

    /** @throws StorageException when the database cannot be read */
    @Override
    public Optional<OperatorAccount> find(String name) {
        List<OperatorAccount> found = query("SELECT " + COLUMNS + " FROM operator WHERE name = ?", name);
        return found.stream().findFirst();
    }

    /** @throws StorageException when the database cannot be read */
    @Override
    public List<OperatorAccount> list() {
        return query("SELECT " + COLUMNS + " FROM operator ORDER BY name", null);
    }

    /** @throws StorageException when the database cannot be read */
    @Override
    public boolean isEmpty() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM operator");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        } catch (SQLException e) {
            throw new StorageException("operators could not be read: " + e.getMessage(), e);
        }
    }

    /** @throws StorageException when the database cannot be written */
    @Override
    public void add(OperatorAccount a) {
        if (find(a.name()).isPresent()) {
            throw new IllegalArgumentException("operator " + a.name() + " exists already");
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO operator (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")) {
            bind(ps, a);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("operator " + a.name() + " could not be added: " + e.getMessage(), e);
        }
    }

    /** @throws StorageException when the database cannot be written */
    @Override
    public synchronized boolean addFirst(OperatorAccount a) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO operator (" + COLUMNS + ") SELECT ?,?,?,?,?,?,?,? FROM DUAL "
                        + "WHERE NOT EXISTS (SELECT 1 FROM operator)")) {
            bind(ps, a);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("operator " + a.name() + " could not be added: " + e.getMessage(), e);
        }
    }

    /** @throws StorageException when the database cannot be written */
    @Override
    public void update(OperatorAccount a) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE operator SET role = ?, password_hash = ?, enabled = ?, failed_logins = ?, locked_until = ?, "
                        + "created_at = ?, changed_at = ? WHERE name = ?")) {
            ps.setString(1, a.role().name());
            ps.setString(2, a.passwordHash());
            ps.setBoolean(3, a.enabled());
            ps.setInt(4, a.failedLogins());
            ps.setObject(5, time(a.lockedUntil()));
            ps.setObject(6, time(a.createdAt()));
            ps.setObject(7, time(a.changedAt()));
            ps.setString(8, a.name());
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("there is no operator " + a.name());
            }
        } catch (SQLException e) {
            throw new StorageException("operator " + a.name() + " could not be changed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, OperatorAccount a) throws SQLException {
        ps.setString(1, a.name());
        ps.setString(2, a.role().name());
        ps.setString(3, a.passwordHash());
        ps.setBoolean(4, a.enabled());
        ps.setInt(5, a.failedLogins());
        ps.setObject(6, time(a.lockedUntil()));
        ps.setObject(7, time(a.createdAt()));
        ps.setObject(8, time(a.changedAt()));
    }

    private List<OperatorAccount> query(String sql, String name) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<OperatorAccount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OperatorAccount(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getBoolean(4), rs.getInt(5), instant(rs.getObject(6, OffsetDateTime.class)),
                            instant(rs.getObject(7, OffsetDateTime.class)), instant(rs.getObject(8, OffsetDateTime.class))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("operators could not be read: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime time(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
