package it.dev.mall.probe;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Creates the probe tables in both databases (outside any transaction: DDL cannot run in an XA branch). */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProbeSchema {

    @Resource(lookup = "jdbc/ordersMigration")
    DataSource orders;

    @Resource(lookup = "jdbc/inventoryMigration")
    DataSource inventory;

    @PostConstruct
    void create() {
        create(orders);
        create(inventory);
    }

    private static void create(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS probe_write (id VARCHAR(64) PRIMARY KEY,"
                    + " createdAt BIGINT NOT NULL) ENGINE=InnoDB");
            statement.execute("CREATE TABLE IF NOT EXISTS probe_delivery (id VARCHAR(64) PRIMARY KEY,"
                    + " sentAt BIGINT NOT NULL, receivedAt BIGINT NOT NULL) ENGINE=InnoDB");
        } catch (SQLException e) {
            throw new IllegalStateException("probe tables could not be created", e);
        }
    }
}
