package dev.mall.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the orders database directly: how many orders of a workload (recognised by its Idempotency-Key prefix) are in
 * which status, and when the asynchronous part of W1 (payment callback, PaymentSucceeded MDB) has caught up. (Its
 * timestamps cannot time an order: Connector/J takes MariaDB for MySQL 5.5.5 and sends whole seconds.)
 */
public final class OrdersDb {

    private OrdersDb() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(BenchConfig.jdbcUrl(BenchConfig.ordersDb()), BenchConfig.dbUser(),
                BenchConfig.dbPassword());
    }

    public static Map<String, Long> statusCounts(String keyPrefix) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT status, COUNT(*) FROM customer_order WHERE idempotency_key LIKE ? GROUP BY status")) {
            s.setString(1, keyPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /**
     * Waits until none of the workload's orders is PENDING_PAYMENT any more, or until the count of PAID ones has not
     * moved for {@code quietSeconds} (an order whose pay request failed stays unpaid), at most {@code maxSeconds}.
     */
    public static Map<String, Long> awaitSettled(String keyPrefix, int quietSeconds, int maxSeconds) {
        long deadline = System.currentTimeMillis() + maxSeconds * 1000L;
        long lastPaid = -1;
        long lastChange = System.currentTimeMillis();
        while (true) {
            Map<String, Long> counts = statusCounts(keyPrefix);
            long pending = counts.getOrDefault("PENDING_PAYMENT", 0L);
            long paid = counts.getOrDefault("PAID", 0L);
            if (pending == 0) {
                return counts;
            }
            if (paid != lastPaid) {
                lastPaid = paid;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > quietSeconds * 1000L) {
                return counts;
            }
            if (System.currentTimeMillis() > deadline) {
                return counts;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return counts;
            }
        }
    }

    /** Orders placed in a flash sale. */
    public static long flashSaleOrders(long saleId) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM customer_order WHERE flash_sale_id = ?")) {
            s.setLong(1, saleId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
