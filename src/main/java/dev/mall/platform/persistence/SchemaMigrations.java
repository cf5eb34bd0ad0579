package dev.mall.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the SQL migrations of {@code db/orders} and {@code db/inventory} when the application starts: a startup
 * singleton finishes before Liberty reports the application started, so no request meets an old schema. It uses the
 * non-transactional migration datasources because MariaDB refuses DDL inside an XA branch. If a migration fails the
 * application does not start, which is the safe outcome. Servers starting together take turns ({@link Migrations}).
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = "jdbc/ordersMigration")
    DataSource orders;

    @Resource(lookup = "jdbc/inventoryMigration")
    DataSource inventory;

    private volatile boolean complete;

    @PostConstruct
    void migrate() {
        migrate("orders", orders);
        migrate("inventory", inventory);
        complete = true;
    }

    private void migrate(String database, DataSource dataSource) {
        MigrateResult result = Migrations.apply(dataSource, database, getClass().getClassLoader());
        LOG.info(() -> "Schema of " + database + " at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migration(s) applied now)");
    }

    public boolean isComplete() {
        return complete;
    }
}
