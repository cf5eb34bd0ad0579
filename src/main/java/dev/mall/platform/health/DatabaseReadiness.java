package dev.mall.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import dev.mall.platform.persistence.SchemaMigrations;

/** Both databases answer through their XA datasources, and the schema migrations have run. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/orders")
    DataSource orders;

    @Resource(lookup = "jdbc/inventory")
    DataSource inventory;

    @Inject
    SchemaMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        String ordersState = probe(orders);
        String inventoryState = probe(inventory);
        boolean up = "UP".equals(ordersState) && "UP".equals(inventoryState) && migrations.isComplete();
        return HealthCheckResponse.named("databases")
                .status(up)
                .withData("orders", ordersState)
                .withData("inventory", inventoryState)
                .withData("migrations", migrations.isComplete() ? "applied" : "pending")
                .build();
    }

    private static String probe(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS) ? "UP" : "DOWN: not valid";
        } catch (SQLException e) {
            return "DOWN: " + e.getSQLState();
        }
    }
}
