package io.plantwatch.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The console's embedded H2 database ({@code <dataDir>/plantwatch.mv.db}), migrated by Flyway from
 * {@code classpath:db/migration} on open. Holds the alarm journal and dead letters (DESIGN.md
 * decision 7). Thread-safe: connections come from a small pool.
 */
public final class Database implements AutoCloseable {

    private final JdbcConnectionPool pool;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Opens (creating if needed) and migrates the database in a directory.
     *
     * @throws StorageException when the file is locked by another console or the migration fails
     */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StorageException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("plantwatch") + ";DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "plantwatch", "");
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StorageException("database " + dataDir.resolve("plantwatch.mv.db") + " could not be opened or migrated: "
                    + e.getMessage() + " (is another PlantWatch console using this data directory?)", e);
        }
        return new Database(pool);
    }

    /** The pooled data source. */
    public DataSource dataSource() {
        return pool;
    }

    /** A connection from the pool; close it after use. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Closes the pool and the database file. */
    @Override
    public void close() {
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        } catch (SQLException | IllegalStateException ignored) {
            // already closed (a disposed pool throws IllegalStateException)
        }
        pool.dispose();
    }
}
