package it.dev.mall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.MysqlDataSource;
import dev.mall.platform.persistence.Migrations;
import it.dev.mall.support.ScratchDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    private final ScratchDatabases databases = new ScratchDatabases();

    @ParameterizedTest
    @ValueSource(strings = {"orders", "inventory", "provider"})
    void serversStartingTogetherOnAnEmptyDatabaseAllMigrateIt(String folder) throws Exception {
        String database = databases.create("mall_it_migrate_" + folder);
        MysqlDataSource dataSource = ScratchDatabases.dataSource(database);
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
        databases.close();
    }
}
