package it.dev.mall.container;

import dev.mall.catalog.control.Catalog;
import dev.mall.catalog.entity.Product;
import dev.mall.ordering.control.OrderNumbers;
import dev.mall.ordering.boundary.OrderRequest;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.messaging.MessageSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Test data made through the shop's own beans, and the databases read beside the transactions under test: over the
 * server's non-transactional datasources (the ones schema migrations use), so a read never joins the transaction it
 * observes; {@code includingUncommitted} reads with READ UNCOMMITTED, to see writes of a transaction still open.
 */
@ApplicationScoped
public class Fixtures {

    public static final String ORDERS = "orders";
    public static final String INVENTORY = "inventory";

    @Inject
    Catalog catalog;

    @Inject
    OrderNumbers numbers;

    @Inject
    MessageSender sender;

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Resource(lookup = "jms/paymentSucceeded")
    Queue paymentSucceeded;

    @Resource(lookup = "jdbc/ordersMigration")
    DataSource ordersDatabase;

    @Resource(lookup = "jdbc/inventoryMigration")
    DataSource inventoryDatabase;

    /** A customer id of the test's own (orders name customers by id only). */
    public static long newCustomerId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L);
    }

    public static OrderRequest request(long skuId, int quantity) {
        return new OrderRequest(new TreeMap<>(Map.of(skuId, quantity)));
    }

    /** A product with one SKU and {@code units} on hand, in a transaction of its own; the SKU's id. */
    public long newSku(int units) {
        String name = "in-container " + UUID.randomUUID();
        long category = catalog.createCategory(name, null).id();
        Product product = catalog.createProduct(category, name, "made by an in-container test",
                List.of(new Catalog.NewSku("standard", new BigDecimal("4.99"), units)));
        return product.skus().get(0).id();
    }

    /** An unpaid order of one line, written in the caller's transaction (the placing code's first write). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long insertOrder(long customerId, long skuId, int quantity, Instant expiresAt) {
        Instant now = Instant.now();
        OrderRequest request = request(skuId, quantity);
        CustomerOrder order = new CustomerOrder(numbers.next(now), customerId, "in-container-" + UUID.randomUUID(),
                request.fingerprint(), now, expiresAt);
        order.addLine(skuId, "in-container SKU", quantity, new BigDecimal("4.99"));
        orders.persist(order);
        orders.flush();
        return order.id();
    }

    /** PaymentSucceeded as the shop sends it (PaymentEvents), committed in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sendPaymentSucceeded(long paymentId, long orderId, String testRun) {
        sender.send(paymentSucceeded, "PaymentSucceeded",
                Map.of("paymentId", paymentId, "orderId", orderId, "testRun", testRun), null);
    }

    public long count(String database, String sql, Object... parameters) {
        return query(database, false, sql, parameters);
    }

    public long countIncludingUncommitted(String database, String sql, Object... parameters) {
        return query(database, true, sql, parameters);
    }

    /** The SKU's ordinary stock: {on hand, reserved} over its buckets. */
    public long[] stock(long skuId) {
        return new long[] {count(INVENTORY, "select sum(on_hand) from stock where sku_id = ? and pool = 0", skuId),
                count(INVENTORY, "select sum(reserved) from stock where sku_id = ? and pool = 0", skuId)};
    }

    private long query(String database, boolean uncommitted, String sql, Object... parameters) {
        DataSource source = ORDERS.equals(database) ? ordersDatabase : inventoryDatabase;
        try (Connection connection = source.getConnection()) {
            if (uncommitted) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Polls {@code condition} until it holds or {@code atMost} has passed. */
    public static void await(String what, Duration atMost, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + atMost + ": " + what);
            }
            pause(what);
        }
    }

    /**
     * Checks {@code condition} every 100 ms for {@code period} and fails the first time it does not hold: for what must
     * never happen (a message that must not arrive), where a pause followed by one look would check a single instant.
     */
    public static void holdsFor(String what, Duration period, BooleanSupplier condition) {
        Instant end = Instant.now().plus(period);
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("did not hold for " + period + ": " + what);
            }
            pause(what);
        } while (Instant.now().isBefore(end));
    }

    private static void pause(String what) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking " + what, e);
        }
    }
}
