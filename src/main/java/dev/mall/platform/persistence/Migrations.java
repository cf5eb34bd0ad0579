package dev.mall.platform.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway migrations of one database, one server at a time. Servers of a cluster start together against the same
 * databases; Flyway serialises the migrations themselves, but not its first look at a database: with
 * {@code baselineOnMigrate} a server that finds no history table while another is creating it takes the other's new
 * table for foreign tables and fails to baseline ("Unable to baseline schema history table"), and that server never
 * starts. So every migration of a database runs under a MariaDB/MySQL named lock ({@code GET_LOCK}), held on a
 * connection of its own: the second server waits, then finds the schema current. A server killed while it holds the
 * lock loses it with its connection.
 */
public final class Migrations {

    /** How long a server waits for another's migrations before it refuses to start. */
    static final Duration LOCK_WAIT = Duration.ofMinutes(5);

    private Migrations() {
    }

    /**
     * Applies the migrations under {@code classpath:db/<folder>} to {@code dataSource} (non-transactional: MariaDB
     * refuses DDL inside an XA branch), holding the database's migration lock meanwhile.
     */
    public static MigrateResult apply(DataSource dataSource, String folder, ClassLoader loader) {
        try (Connection lockHolder = dataSource.getConnection()) {
            String lock = lockName(lockHolder.getCatalog());
            acquire(lockHolder, lock);
            try {
                return Flyway.configure(loader)
                        .dataSource(dataSource)
                        .locations("classpath:db/" + folder)
                        // Liberty (like WebSphere) resolves a classpath folder only through a file in it:
                        // db/*/flyway.location.
                        .callbackLocations("classpath:db/" + folder)
                        .failOnMissingLocations(true)
                        // A database may already hold tables that are not ours: record "version 0" and apply V1 on.
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .validateMigrationNaming(true)
                        .load()
                        .migrate();
            } finally {
                release(lockHolder, lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock the database for its migrations (db/" + folder + ")", e);
        }
    }

    /** Named locks are server-wide and at most 64 characters: one per database, hashed when the name is long. */
    static String lockName(String database) {
        String name = "mall.migrations." + database;
        if (name.length() <= 64) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(database.getBytes(StandardCharsets.UTF_8));
            return "mall.migrations." + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void acquire(Connection connection, String lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            statement.setString(1, lock);
            statement.setLong(2, LOCK_WAIT.toSeconds());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                if (row.getInt(1) != 1) {
                    throw new IllegalStateException("Another server has been migrating " + connection.getCatalog()
                            + " for more than " + LOCK_WAIT + " (lock " + lock + "); not starting on that schema");
                }
            }
        }
    }

    private static void release(Connection connection, String lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, lock);
            statement.executeQuery().close();
        }
    }
}
