package it.dev.mall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.MysqlDataSource;
import dev.mall.platform.persistence.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers of a cluster start together against empty databases: each migrates them at start-up. Several migrations
 * of one empty database at the same moment must all succeed, leave every migration applied exactly once, and no
 * baseline (the database was empty). Before {@link Migrations} held a lock around Flyway, a server could take another's
 * new history table for foreign tables and fail to baseline — it then never started. Plain JDBC against the test
 * MariaDB, no server: what runs inside Liberty at start-up runs here on several threads.
 */
class SchemaMigrationsIT {

    private static final int SERVERS = 6;

    private final List<String> created = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"orders", "inventory", "provider"})
    void serversStartingTogetherOnAnEmptyDatabaseAllMigrateIt(String folder) throws Exception {
        String database = emptyDatabase(folder);
        MysqlDataSource dataSource = dataSource(database);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService servers = Executors.newFixedThreadPool(SERVERS);
        try {
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                Callable<MigrateResult> server = () -> {
                    start.await();
                    return Migrations.apply(dataSource, folder, getClass().getClassLoader());
                };
                results.add(servers.submit(server));
            }
            start.countDown();
            int applied = 0;
            for (Future<MigrateResult> result : results) {
                MigrateResult migrated = result.get(5, TimeUnit.MINUTES);
                assertThat(migrated.success).isTrue();
                applied += migrated.migrationsExecuted;
            }
            int migrations = Flyway.configure(getClass().getClassLoader()).dataSource(dataSource)
                    .locations("classpath:db/" + folder).load().info().applied().length;
            assertThat(migrations).as("migrations of db/%s applied", folder).isPositive();
            assertThat(applied).as("migrations executed by all servers together").isEqualTo(migrations);
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                 ResultSet row = sql.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version), SUM(type = 'BASELINE'),"
                         + " SUM(NOT success) FROM flyway_schema_history")) {
                row.next();
                assertThat(row.getInt(1)).as("history rows").isEqualTo(migrations);
                assertThat(row.getInt(2)).as("distinct versions").isEqualTo(migrations);
                assertThat(row.getInt(3)).as("baselines").isZero();
                assertThat(row.getInt(4)).as("failed migrations").isZero();
            }
        } finally {
            servers.shutdownNow();
        }
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        try (Connection root = root(); Statement sql = root.createStatement()) {
            for (String database : created) {
                sql.execute("DROP DATABASE IF EXISTS `" + database + "`");
            }
        }
    }

    /** A database of its own, made and granted as bin/mall makes the shop's (root, then the application user). */
    private String emptyDatabase(String folder) throws SQLException {
        String name = "mall_it_migrate_" + folder + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection root = root(); Statement sql = root.createStatement()) {
            sql.execute("CREATE DATABASE `" + name + "`");
            created.add(name);
            for (String host : List.of("127.0.0.1", "localhost")) {
                sql.execute("GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + env("MALL_DB_USER", "mall") + "'@'"
                        + host + "'");
            }
        }
        return name;
    }

    private static MysqlDataSource dataSource(String database) {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setServerName(env("MALL_DB_HOST", "127.0.0.1"));
        dataSource.setPortNumber(Integer.parseInt(env("MALL_DB_PORT", "3306")));
        dataSource.setDatabaseName(database);
        dataSource.setUser(env("MALL_DB_USER", "mall"));
        dataSource.setPassword(env("MALL_DB_PASSWORD", ""));
        try {
            dataSource.setAllowPublicKeyRetrieval(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }

    private static Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + env("MALL_DB_HOST", "127.0.0.1") + ":"
                        + env("MALL_DB_PORT", "3306") + "/?allowPublicKeyRetrieval=true",
                env("MALL_DB_ROOT_USER", "root"), env("MALL_DB_ROOT_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
