package dev.mall.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The statements the application issues for W1 (docs/MONEY-PATH.md), by hand, on whatever connections the caller
 * holds and inside whatever transactions it has begun: the baselines B2, B3 ({@link MoneyPathBaseline}), B7
 * ({@link OutboxBaseline}) and B8 ({@link TccBaseline}) all run exactly these, and differ only in how they group them
 * into transactions and how the messages travel. Nothing here commits.
 */
final class W1Sql {

    private W1Sql() {
    }

    /** The stock row changed between its read and its write: the caller retries its attempt (as StockReservations). */
    static final class OptimisticConflict extends RuntimeException {
        OptimisticConflict() {
            super("stock row changed since it was read", null, false, false);
        }
    }

    /** What W1 answers 409 stock-contention after the last attempt: counted as refused, not as a failure. */
    static final class ContentionRefusal extends RuntimeException {
        ContentionRefusal() {
            super("stock contention after 10 attempts", null, false, false);
        }
    }

    /** PlaceOrder: the Idempotency-Key is looked up before anything is written. */
    static void lookupKey(Connection orders, long customer, String key) throws SQLException {
        try (PreparedStatement lookup = orders.prepareStatement(
                "SELECT id FROM customer_order WHERE customer_id = ? AND idempotency_key = ?")) {
            lookup.setLong(1, customer);
            lookup.setString(2, key);
            lookup.executeQuery().close();
        }
    }

    /** The price snapshot of each SKU: id → {name, price}. */
    static Map<Long, Object[]> snapshots(Connection inventory, SortedSet<Long> skus) throws SQLException {
        Map<Long, Object[]> snapshots = new LinkedHashMap<>();
        try (PreparedStatement select = inventory.prepareStatement(
                "SELECT s.id, s.name, s.price, p.name FROM sku s JOIN product p ON p.id = s.product_id"
                        + " WHERE s.id IN (?, ?)")) {
            int i = 1;
            for (long sku : skus) {
                select.setLong(i++, sku);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    snapshots.put(rs.getLong(1), new Object[]{rs.getString(4) + " " + rs.getString(2),
                            rs.getBigDecimal(3)});
                }
            }
        }
        return snapshots;
    }

    /** OrderPlacement: the order (PENDING_PAYMENT) and its lines; answers the order's id. */
    static long insertOrder(Connection orders, long customer, String key, Map<Long, Object[]> snapshots, Instant now,
                            Duration reservationTimeout) throws SQLException {
        BigDecimal total = BigDecimal.ZERO;
        for (Object[] snapshot : snapshots.values()) {
            total = total.add((BigDecimal) snapshot[1]);
        }
        long orderId;
        // No coupon: subtotal = total, discount 0 (V12__coupons.sql's check).
        try (PreparedStatement insert = orders.prepareStatement("INSERT INTO customer_order (number, customer_id,"
                + " status, subtotal, discount, total, idempotency_key, request_hash, payment_id, flash_sale_id,"
                + " created_at, expires_at, updated_at, version)"
                + " VALUES (?, ?, 'PENDING_PAYMENT', ?, 0, ?, ?, ?, NULL, NULL, ?, ?, ?, 0)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, orderNumber());
            insert.setLong(2, customer);
            insert.setBigDecimal(3, total);
            insert.setBigDecimal(4, total);
            insert.setString(5, key);
            insert.setString(6, "%064x".formatted(key.hashCode() & 0xffffffffL));
            insert.setTimestamp(7, Timestamp.from(now));
            insert.setTimestamp(8, Timestamp.from(now.plus(reservationTimeout)));
            insert.setTimestamp(9, Timestamp.from(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                orderId = keys.getLong(1);
            }
        }
        try (PreparedStatement line = orders.prepareStatement("INSERT INTO order_line (order_id, sku_id, sku_name,"
                + " quantity, unit_price) VALUES (?, ?, ?, 1, ?)")) {
            for (Map.Entry<Long, Object[]> sku : snapshots.entrySet()) {
                line.setLong(1, orderId);
                line.setLong(2, sku.getKey());
                line.setString(3, (String) sku.getValue()[0]);
                line.setBigDecimal(4, (BigDecimal) sku.getValue()[1]);
                line.addBatch();
            }
            line.executeBatch();
        }
        return orderId;
    }

    /** StockReservations.reserve (one unit): read without a lock, write with the version check. */
    static void reserve(Connection inventory, long orderId, long sku, Instant now) throws SQLException {
        int pool;
        long warehouse;
        int bucket;
        int onHand;
        int reserved;
        long version;
        try (PreparedStatement select = inventory.prepareStatement("SELECT pool, warehouse_id, bucket, on_hand,"
                + " reserved, version FROM stock WHERE sku_id = ? AND pool = 0 ORDER BY warehouse_id, bucket")) {
            select.setLong(1, sku);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                pool = rs.getInt(1);
                warehouse = rs.getLong(2);
                bucket = rs.getInt(3);
                onHand = rs.getInt(4);
                reserved = rs.getInt(5);
                version = rs.getLong(6);
            }
        }
        try (PreparedStatement insert = inventory.prepareStatement("INSERT INTO reservation (order_id, sku_id, pool,"
                + " warehouse_id, bucket, quantity, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, 1, 'RESERVED', ?, ?)")) {
            insert.setLong(1, orderId);
            insert.setLong(2, sku);
            insert.setInt(3, pool);
            insert.setLong(4, warehouse);
            insert.setInt(5, bucket);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setTimestamp(7, Timestamp.from(now));
            insert.executeUpdate();
        }
        try (PreparedStatement update = inventory.prepareStatement("UPDATE stock SET on_hand = ?, reserved = ?,"
                + " version = ? WHERE sku_id = ? AND pool = ? AND warehouse_id = ? AND bucket = ? AND version = ?")) {
            update.setInt(1, onHand);
            update.setInt(2, reserved + 1);
            update.setLong(3, version + 1);
            update.setLong(4, sku);
            update.setInt(5, pool);
            update.setLong(6, warehouse);
            update.setInt(7, bucket);
            update.setLong(8, version);
            if (update.executeUpdate() != 1) {
                throw new OptimisticConflict();
            }
        }
    }

    /** PaymentLedger.start, the read before its transaction: the amount to charge. */
    static BigDecimal orderTotal(Connection orders, long orderId) throws SQLException {
        try (PreparedStatement select = orders.prepareStatement(
                "SELECT total, status, customer_id FROM customer_order WHERE id = ?")) {
            select.setLong(1, orderId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    /** PaymentLedger.start: a PENDING payment; answers its id. */
    static long insertPayment(Connection orders, long orderId, long customer, BigDecimal amount) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement insert = orders.prepareStatement("INSERT INTO payment (order_id, customer_id, amount,"
                + " status, requested_outcome, provider_txn_id, refund_reason, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, 'PENDING', 'SUCCESS', NULL, NULL, ?, ?, 0)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, orderId);
            insert.setLong(2, customer);
            insert.setBigDecimal(3, amount);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setTimestamp(5, Timestamp.from(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** PaymentCallbacks.apply: lock the payment, settle it (SUCCEEDED, the provider's transaction id). */
    static void settlePayment(Connection orders, long paymentId) throws SQLException {
        long version;
        try (PreparedStatement select = orders.prepareStatement(
                "SELECT version, status, amount FROM payment WHERE id = ? FOR UPDATE")) {
            select.setLong(1, paymentId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
        }
        try (PreparedStatement update = orders.prepareStatement("UPDATE payment SET status = 'SUCCEEDED',"
                + " provider_txn_id = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")) {
            update.setString(1, "mock-" + UUID.randomUUID());
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setLong(3, version + 1);
            update.setLong(4, paymentId);
            update.setLong(5, version);
            update.executeUpdate();
        }
    }

    /**
     * The idempotent consumer's record (processed_message, in whichever database it is given): true if this is the
     * first time, false if the message was applied before.
     */
    static boolean recordProcessed(Connection connection, String consumer, String messageId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT IGNORE INTO processed_message (consumer, message_id) VALUES (?, ?)")) {
            insert.setString(1, consumer);
            insert.setString(2, messageId);
            return insert.executeUpdate() == 1;
        }
    }

    /** The order row locked (every status change starts here): {status, version}, or null if there is none. */
    static Object[] lockOrder(Connection orders, long orderId) throws SQLException {
        try (PreparedStatement select = orders.prepareStatement("SELECT status, version, total, number"
                + " FROM customer_order WHERE id = ? FOR UPDATE")) {
            select.setLong(1, orderId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Object[]{rs.getString(1), rs.getLong(2)} : null;
            }
        }
    }

    /** PaidOrders.apply: the locked order becomes PAID with its payment. */
    static void markPaid(Connection orders, long orderId, long version, long paymentId, Instant now)
            throws SQLException {
        try (PreparedStatement update = orders.prepareStatement("UPDATE customer_order SET status = 'PAID',"
                + " payment_id = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")) {
            update.setLong(1, paymentId);
            update.setTimestamp(2, Timestamp.from(now));
            update.setLong(3, version + 1);
            update.setLong(4, orderId);
            update.setLong(5, version);
            update.executeUpdate();
        }
    }

    /** OrderCancellation: the locked order becomes CANCELLED. */
    static void markCancelled(Connection orders, long orderId, long version, Instant now) throws SQLException {
        try (PreparedStatement update = orders.prepareStatement("UPDATE customer_order SET status = 'CANCELLED',"
                + " updated_at = ?, version = ? WHERE id = ? AND version = ?")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setLong(2, version + 1);
            update.setLong(3, orderId);
            update.setLong(4, version);
            update.executeUpdate();
        }
    }

    /** StockReservations.confirm: the order's reservations, each stock row locked, then both updated. */
    static void confirm(Connection inventory, long orderId, Instant now) throws SQLException {
        settle(inventory, orderId, now, true);
    }

    /** StockReservations.release (expiry, cancellation): as confirm, but the units go back (reserved only). */
    static void release(Connection inventory, long orderId, Instant now) throws SQLException {
        settle(inventory, orderId, now, false);
    }

    private static void settle(Connection inventory, long orderId, Instant now, boolean sold) throws SQLException {
        List<long[]> held = new ArrayList<>();
        try (PreparedStatement select = inventory.prepareStatement("SELECT id, sku_id, pool, bucket, quantity,"
                + " warehouse_id FROM reservation WHERE order_id = ? AND status = 'RESERVED'"
                + " ORDER BY sku_id, pool, warehouse_id, bucket")) {
            select.setLong(1, orderId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    held.add(new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6)});
                }
            }
        }
        for (long[] r : held) {
            long version;
            int onHand;
            int reserved;
            try (PreparedStatement lock = inventory.prepareStatement("SELECT on_hand, reserved, version FROM stock"
                    + " WHERE sku_id = ? AND pool = ? AND warehouse_id = ? AND bucket = ? FOR UPDATE")) {
                lock.setLong(1, r[1]);
                lock.setLong(2, r[2]);
                lock.setLong(3, r[5]);
                lock.setLong(4, r[3]);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    onHand = rs.getInt(1);
                    reserved = rs.getInt(2);
                    version = rs.getLong(3);
                }
            }
            try (PreparedStatement update = inventory.prepareStatement("UPDATE stock SET on_hand = ?, reserved = ?,"
                    + " version = ? WHERE sku_id = ? AND pool = ? AND warehouse_id = ? AND bucket = ? AND version = ?")) {
                update.setInt(1, sold ? onHand - (int) r[4] : onHand);
                update.setInt(2, reserved - (int) r[4]);
                update.setLong(3, version + 1);
                update.setLong(4, r[1]);
                update.setLong(5, r[2]);
                update.setLong(6, r[5]);
                update.setLong(7, r[3]);
                update.setLong(8, version);
                update.executeUpdate();
            }
            try (PreparedStatement update = inventory.prepareStatement(
                    "UPDATE reservation SET status = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, sold ? "CONFIRMED" : "RELEASED");
                update.setTimestamp(2, Timestamp.from(now));
                update.setLong(3, r[0]);
                update.executeUpdate();
            }
        }
    }

    static String orderNumber() {
        char[] alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
        StringBuilder number = new StringBuilder("B").append(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"))).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            number.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return number.toString();
    }
}
