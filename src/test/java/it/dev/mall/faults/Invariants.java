package it.dev.mall.faults;

import static org.awaitility.Awaitility.await;

import it.dev.mall.support.Databases;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The promises of docs/ARCHITECTURE.md ("Invariants") checked from outside after a fault, recovery and drain: plain JDBC
 * on both databases, {@code XA RECOVER}, the broker's prepared transactions, the shop's audit endpoint, Redis, the
 * servers' logs, and the client's own record of what it was told. Cumulative: every check covers everything the run
 * did so far, so a later fault cannot quietly undo an earlier round's work.
 */
final class Invariants {

    /** What the run created: the checks are scoped to it (the databases may hold earlier runs' data). */
    record Scope(Customers customers, Map<Long, Integer> initialUnits, List<Sale> sales, List<Path> logDirs,
                 String coupon, long warehouse, Map<Long, Integer> movedToWarehouse) {
        /** The units the SKU started with in the warehouse: the run's warehouse got the moved ones, the default the rest. */
        int initialUnits(long skuId, long warehouseId) {
            int moved = movedToWarehouse.getOrDefault(skuId, 0);
            return warehouseId == warehouse ? moved : warehouseId == 1 ? initialUnits.get(skuId) - moved : 0;
        }

        String skuList() {
            return initialUnits.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    record Sale(long saleId, long skuId, int units, int perCustomerLimit) {
    }

    /** Figures of one check, for the report. */
    record Figures(int orders, int expired, int paid, int cancelled, int ambiguousCommitted, int ambiguousAbsent,
                   int replaysChecked) {
    }

    private record Order(long id, long customerId, String key, String status, Long saleId) {
    }

    private record Reservation(long orderId, long skuId, long pool, long warehouseId, int quantity, String status) {
    }

    private record PaymentRow(long id, long orderId, String status, String requested, BigDecimal amount) {
    }

    private static final Set<String> PAID_STATES = Set.of("PAID", "SHIPPED", "COMPLETED", "REFUNDED");
    private static final Set<String> RELEASED_STATES = Set.of("EXPIRED", "CANCELLED");

    private final Scope scope;
    private final Ledger ledger;
    private final Cluster cluster;
    private final ShopApi api;
    private final BrokerProbe broker;
    private final String adminToken;
    private final List<String> violations = new ArrayList<>();
    /** Ambiguous placements already resolved (and replayed) by an earlier check. */
    private final Map<String, Boolean> resolved = new HashMap<>();

    Invariants(Scope scope, Ledger ledger, Cluster cluster, ShopApi api, BrokerProbe broker, String adminToken) {
        this.scope = scope;
        this.ledger = ledger;
        this.cluster = cluster;
        this.api = api;
        this.broker = broker;
        this.adminToken = adminToken;
    }

    /** Runs every check; the violations found (empty: all promises held) and the figures. */
    Map.Entry<List<String>, Figures> check() throws SQLException {
        violations.clear();
        noInDoubtBranches();
        Map<Long, Order> orders = orders();
        Map<Long, Map<Long, Integer>> lines = orderLines();
        List<Reservation> reservations = reservations();
        List<PaymentRow> payments = payments();
        int[] ambiguous = ledgerAgainstDatabase(orders, lines, payments);
        everyOrderSettledWithMatchingReservations(orders, lines, reservations);
        paymentsMatchOrders(orders, payments);
        stockConserved(reservations);
        allocationsAreReservationsPerWarehouse(reservations);
        auditClean();
        oneOrderPerKey();
        couponRedemptionsAreLiveOrders();
        flashSalesExact(orders, reservations);
        noRowLocked();
        noOrphanExpiries();
        Map<String, Long> byStatus = orders.values().stream()
                .collect(Collectors.groupingBy(Order::status, Collectors.counting()));
        Figures figures = new Figures(orders.size(), byStatus.getOrDefault("EXPIRED", 0L).intValue(),
                byStatus.getOrDefault("PAID", 0L).intValue(), byStatus.getOrDefault("CANCELLED", 0L).intValue(),
                ambiguous[0], ambiguous[1], ambiguous[2]);
        return Map.entry(List.copyOf(violations), figures);
    }

    /** Whether an ambiguous placement turned out committed (as resolved by the last check). */
    boolean committed(String key) {
        return Boolean.TRUE.equals(resolved.get(key));
    }

    private void violation(String text) {
        violations.add(text);
    }

    // --- XA --------------------------------------------------------------------------------------------------------

    /** No prepared branch anywhere: MariaDB's XA RECOVER and the broker's recover() both empty. */
    private void noInDoubtBranches() {
        try {
            await("XA RECOVER empty").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> Databases.xaRecover().isEmpty());
        } catch (ConditionTimeoutException e) {
            violation("MariaDB still holds prepared XA branches: " + safely(Databases::xaRecover));
        }
        try {
            await("no prepared broker transaction").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> broker.preparedXids().isEmpty());
        } catch (ConditionTimeoutException e) {
            violation("Artemis still holds prepared XA transactions: " + safely(broker::preparedXids));
        }
    }

    // --- the client's record against the databases -----------------------------------------------------------------

    /** Ambiguous placements found committed and replayed with their key, over the whole run. */
    private int replaysChecked;

    /** @return {ambiguous found committed, ambiguous found absent, replays checked so far} */
    private int[] ledgerAgainstDatabase(Map<Long, Order> orders, Map<Long, Map<Long, Integer>> lines,
                                        List<PaymentRow> payments) throws SQLException {
        Map<String, Order> byKey = orders.values().stream()
                .collect(Collectors.toMap(o -> o.customerId() + "/" + o.key(), o -> o, (a, b) -> a));
        int committed = 0;
        int absent = 0;
        for (Ledger.Placement placement : ledger.placements()) {
            Order order = byKey.get(placement.customer().id() + "/" + placement.key());
            Answer.Outcome outcome = placement.answer().outcome();
            String what = placement.round() + " " + placement.key() + " (" + placement.answer() + ")";
            if (outcome == Answer.Outcome.OK) {
                if (order == null || order.id() != placement.orderId()) {
                    violation("acknowledged order lost: " + what + " answered order " + placement.orderId());
                } else if (!placement.lines().equals(lines.get(order.id()))) {
                    violation("order " + order.id() + " has lines " + lines.get(order.id()) + ", the client ordered "
                            + placement.lines());
                }
            } else if (outcome == Answer.Outcome.REFUSED || outcome == Answer.Outcome.NOT_SENT) {
                if (order != null) {
                    violation("order " + order.id() + " exists although the client was told " + what);
                }
            } else {
                if (placement.faultInCommit() && outcome == Answer.Outcome.NO_ANSWER && order == null) {
                    violation("faulted in commit, after the commit decision, yet rolled back: " + what);
                }
                Boolean wasCommitted = resolved.get(placement.key());
                if (wasCommitted == null) {
                    wasCommitted = order != null;
                    resolved.put(placement.key(), wasCommitted);
                    if (order != null) {
                        replaysChecked++;
                        replay(placement, order);
                    }
                } else if (wasCommitted != (order != null)) {
                    violation("ambiguous placement " + what + " changed from " + (wasCommitted ? "committed" : "absent")
                            + " to " + (order != null ? "committed" : "absent"));
                }
                if (order != null) {
                    committed++;
                } else {
                    absent++;
                }
            }
        }
        for (Ledger.Replay replay : ledger.replays()) {
            if (replay.answer().ok() && replay.answer().json().getLong("id") != replay.orderId()) {
                violation("a replayed Idempotency-Key answered order " + replay.answer().json().getLong("id")
                        + " instead of " + replay.orderId());
            }
            if (replay.answer().outcome() == Answer.Outcome.REFUSED) {
                violation("a replayed Idempotency-Key was refused: " + replay.answer() + " " + replay.answer().body());
            }
        }
        Map<Long, PaymentRow> paymentById = payments.stream().collect(Collectors.toMap(PaymentRow::id, p -> p));
        for (Ledger.Payment payment : ledger.payments()) {
            PaymentRow row = payment.paymentId() == null ? null : paymentById.get(payment.paymentId());
            if (payment.paymentId() != null && row == null) {
                violation("acknowledged payment " + payment.paymentId() + " of order " + payment.orderId() + " lost");
            } else if (row != null && payment.acknowledged()) {
                // The provider's page told the customer: its webhook must have settled the payment as chosen.
                Set<String> settled = payment.succeed() ? Set.of("SUCCEEDED", "REFUNDED") : Set.of("FAILED");
                if (!settled.contains(row.status())) {
                    violation("payment " + row.id() + " of order " + payment.orderId() + " was acknowledged by the"
                            + " provider's checkout as " + (payment.succeed() ? "SUCCESS" : "FAILURE") + " but is "
                            + row.status());
                }
            }
        }
        for (Ledger.Cancel cancel : ledger.cancels()) {
            Order order = orders.get(cancel.orderId());
            if (cancel.answer().ok() && (order == null || !"CANCELLED".equals(order.status()))) {
                violation("order " + cancel.orderId() + " was answered CANCELLED but is "
                        + (order == null ? "missing" : order.status()));
            }
        }
        return new int[] {committed, absent, replaysChecked};
    }

    /** The same key again, after recovery: the order that exists, never a second one. */
    private void replay(Ledger.Placement placement, Order order) {
        String base = cluster.anyInService().baseUri();
        Answer again = placement.saleId() == null
                ? api.placeOrder(base, placement.customer().token(), placement.key(), placement.lines(),
                        Load.couponOf(placement.key(), scope.coupon()), null, null)
                : api.buyFlash(base, placement.customer().token(), placement.key(), placement.saleId(), 1, null);
        if (!again.ok() || again.json().getLong("id") != order.id()) {
            violation("replaying ambiguous " + placement.key() + " (order " + order.id() + " exists) answered "
                    + again + " " + again.body());
        }
    }

    // --- orders, reservations, payments ----------------------------------------------------------------------------

    private void everyOrderSettledWithMatchingReservations(Map<Long, Order> orders, Map<Long, Map<Long, Integer>> lines,
                                                           List<Reservation> reservations) {
        Map<Long, List<Reservation>> byOrder = reservations.stream()
                .collect(Collectors.groupingBy(Reservation::orderId));
        for (Order order : orders.values()) {
            if ("PENDING_PAYMENT".equals(order.status())) {
                violation("order " + order.id() + " is still PENDING_PAYMENT after its expiry and the drain");
            }
            List<Reservation> held = byOrder.getOrDefault(order.id(), List.of());
            Map<Long, Integer> reserved = new TreeMap<>();
            held.forEach(r -> reserved.merge(r.skuId(), r.quantity(), Integer::sum));
            if (!reserved.equals(new TreeMap<>(lines.getOrDefault(order.id(), Map.of())))) {
                violation("order " + order.id() + " has lines " + lines.get(order.id()) + " but reservations "
                        + reserved + " in the inventory database");
            }
            String expected = PAID_STATES.contains(order.status()) ? "CONFIRMED"
                    : RELEASED_STATES.contains(order.status()) ? "RELEASED" : "RESERVED";
            held.stream().filter(r -> !r.status().equals(expected)).forEach(r -> violation("order " + order.id()
                    + " is " + order.status() + " but its reservation of SKU " + r.skuId() + " is " + r.status()));
        }
        byOrder.keySet().stream().filter(id -> !orders.containsKey(id))
                .forEach(id -> violation("reservation without an order: order id " + id));
    }

    /**
     * A PENDING payment is one whose checkout the customer never completed (e.g. the server died between /pay and the
     * page): legitimate, its order expires. One the provider charged must have been settled by its webhook.
     */
    private void paymentsMatchOrders(Map<Long, Order> orders, List<PaymentRow> payments) throws SQLException {
        Set<Long> charged = chargedPayments(payments.stream().map(PaymentRow::id).toList());
        Map<Long, Long> succeededPerOrder = payments.stream().filter(p -> "SUCCEEDED".equals(p.status()))
                .collect(Collectors.groupingBy(PaymentRow::orderId, Collectors.counting()));
        for (PaymentRow payment : payments) {
            Order order = orders.get(payment.orderId());
            if (order == null) {
                violation("payment " + payment.id() + " for an order that does not exist: " + payment.orderId());
            } else if ("SUCCEEDED".equals(payment.status()) && !PAID_STATES.contains(order.status())) {
                violation("payment " + payment.id() + " SUCCEEDED but order " + order.id() + " is " + order.status()
                        + " (money taken, goods not sold)");
            } else if ("REFUNDED".equals(payment.status()) && !RELEASED_STATES.contains(order.status())) {
                violation("payment " + payment.id() + " REFUNDED but order " + order.id() + " is " + order.status());
            } else if ("PENDING".equals(payment.status()) && charged.contains(payment.id())) {
                violation("payment " + payment.id() + " still PENDING after the drain though the provider charged it");
            }
        }
        orders.values().stream().filter(o -> "PAID".equals(o.status()))
                .filter(o -> succeededPerOrder.getOrDefault(o.id(), 0L) != 1)
                .forEach(o -> violation("order " + o.id() + " is PAID with " + succeededPerOrder.getOrDefault(o.id(), 0L)
                        + " succeeded payments"));
    }

    /** Nothing lost, nothing sold twice: what was put on hand is still on hand or sold (confirmed), per SKU. */
    private void stockConserved(List<Reservation> reservations) throws SQLException {
        Map<Long, int[]> stock = new HashMap<>();
        query(Databases.INVENTORY, "SELECT sku_id, SUM(on_hand), SUM(reserved) FROM stock WHERE sku_id IN ("
                + scope.skuList() + ") GROUP BY sku_id", rows -> stock.put(rows.getLong(1),
                new int[] {rows.getInt(2), rows.getInt(3)}));
        for (Map.Entry<Long, Integer> sku : scope.initialUnits().entrySet()) {
            int[] row = stock.get(sku.getKey());
            int sold = sum(reservations, sku.getKey(), "CONFIRMED");
            int held = sum(reservations, sku.getKey(), "RESERVED");
            if (row == null) {
                violation("SKU " + sku.getKey() + " has no stock rows");
            } else if (row[0] + sold != sku.getValue() || row[1] != held || row[1] < 0 || row[1] > row[0]) {
                violation("SKU " + sku.getKey() + ": started with " + sku.getValue() + ", now on hand " + row[0]
                        + " + sold " + sold + "; reserved " + row[1] + " vs RESERVED reservations " + held);
            }
        }
    }

    /**
     * Per SKU and warehouse (invariant 10): the rows' reserved units = the RESERVED reservations (allocations of unpaid
     * orders) naming that warehouse, and what the warehouse started with = on hand there + sold from there. A split
     * line released or confirmed in the wrong warehouse, or a reservation naming a warehouse with no rows, shows here
     * even when the SKU's totals are right.
     */
    private void allocationsAreReservationsPerWarehouse(List<Reservation> reservations) throws SQLException {
        Map<List<Long>, int[]> stock = new HashMap<>();
        query(Databases.INVENTORY, "SELECT sku_id, warehouse_id, SUM(on_hand), SUM(reserved) FROM stock WHERE sku_id IN ("
                + scope.skuList() + ") GROUP BY sku_id, warehouse_id", rows -> stock.put(List.of(rows.getLong(1),
                rows.getLong(2)), new int[] {rows.getInt(3), rows.getInt(4)}));
        Map<List<Long>, int[]> allocated = new HashMap<>();
        for (Reservation reservation : reservations) {
            int[] figures = allocated.computeIfAbsent(List.of(reservation.skuId(), reservation.warehouseId()),
                    key -> new int[2]);
            if ("RESERVED".equals(reservation.status())) {
                figures[0] += reservation.quantity();
            } else if ("CONFIRMED".equals(reservation.status())) {
                figures[1] += reservation.quantity();
            }
        }
        allocated.keySet().stream().filter(key -> !stock.containsKey(key)).forEach(key -> violation("SKU " + key.get(0)
                + ": reservations name warehouse " + key.get(1) + ", which holds no stock row of it"));
        stock.forEach((key, row) -> {
            int[] figures = allocated.getOrDefault(key, new int[2]);
            int initial = scope.initialUnits(key.get(0), key.get(1));
            if (row[1] != figures[0] || row[0] + figures[1] != initial) {
                violation("SKU " + key.get(0) + " in warehouse " + key.get(1) + ": reserved " + row[1]
                        + " vs RESERVED allocations " + figures[0] + "; started with " + initial + ", now on hand "
                        + row[0] + " + sold " + figures[1]);
            }
        });
    }

    private static int sum(List<Reservation> reservations, long skuId, String status) {
        return reservations.stream().filter(r -> r.skuId() == skuId && r.status().equals(status))
                .mapToInt(Reservation::quantity).sum();
    }

    private void auditClean() {
        Answer audit = api.audit(cluster.anyInService().baseUri(), adminToken, scope.initialUnits().keySet());
        if (!audit.ok()) {
            violation("the stock audit answered " + audit + " " + audit.body());
        } else if (!audit.json().getBoolean("ok")) {
            violation("the stock audit is not clean: " + audit.body());
        }
    }

    private void oneOrderPerKey() throws SQLException {
        query(Databases.ORDERS, "SELECT customer_id, idempotency_key, COUNT(*) FROM customer_order WHERE customer_id IN ("
                + scope.customers().idList() + ") GROUP BY customer_id, idempotency_key HAVING COUNT(*) > 1",
                rows -> violation("customer " + rows.getLong(1) + " has " + rows.getInt(3) + " orders for key "
                        + rows.getString(2)));
    }

    /** The load's coupon: its count = its REDEEMED redemptions = its orders that are neither cancelled nor expired. */
    private void couponRedemptionsAreLiveOrders() throws SQLException {
        query(Databases.ORDERS, "SELECT c.redeemed,"
                + " (SELECT COUNT(*) FROM coupon_redemption r WHERE r.coupon_id = c.id AND r.status = 'REDEEMED'),"
                + " (SELECT COUNT(*) FROM customer_order o WHERE o.coupon_code = c.code"
                + " AND o.status NOT IN ('CANCELLED', 'EXPIRED'))"
                + " FROM coupon c WHERE c.code = '" + scope.coupon() + "'", rows -> {
                    if (rows.getInt(1) != rows.getInt(2) || rows.getInt(2) != rows.getInt(3)) {
                        violation("coupon " + scope.coupon() + " counts " + rows.getInt(1) + " redemptions, has "
                                + rows.getInt(2) + " redeemed, and " + rows.getInt(3) + " live orders carry it");
                    }
                });
    }

    // --- flash sales -----------------------------------------------------------------------------------------------

    private void flashSalesExact(Map<Long, Order> orders, List<Reservation> reservations) throws SQLException {
        for (Sale sale : scope.sales()) {
            int taken = reservations.stream().filter(r -> r.pool() == sale.saleId() && !"RELEASED".equals(r.status()))
                    .mapToInt(Reservation::quantity).sum();
            if (taken > sale.units()) {
                violation("flash sale " + sale.saleId() + " sold " + taken + " of " + sale.units() + " units");
            }
            Map<Long, Integer> held = new HashMap<>();
            for (Order order : orders.values()) {
                if (Objects.equals(order.saleId(), sale.saleId()) && !RELEASED_STATES.contains(order.status())) {
                    reservations.stream().filter(r -> r.orderId() == order.id())
                            .forEach(r -> held.merge(order.customerId(), r.quantity(), Integer::sum));
                }
            }
            Map<Long, Integer> recorded = new HashMap<>();
            query(Databases.ORDERS, "SELECT customer_id, quantity FROM flash_purchase WHERE sale_id = " + sale.saleId(),
                    rows -> recorded.put(rows.getLong(1), rows.getInt(2)));
            recorded.values().removeIf(q -> q == 0);
            if (!recorded.equals(held)) {
                violation("flash sale " + sale.saleId() + ": per-customer purchases " + recorded
                        + " differ from the customers' live orders " + held);
            }
            held.forEach((customer, units) -> {
                if (units > sale.perCustomerLimit()) {
                    violation("customer " + customer + " holds " + units + " units of flash sale " + sale.saleId()
                            + ", over its limit " + sale.perCustomerLimit());
                }
            });
            int[] pool = new int[2];
            query(Databases.INVENTORY, "SELECT SUM(on_hand), SUM(reserved) FROM stock WHERE pool = " + sale.saleId(),
                    rows -> {
                        pool[0] = rows.getInt(1);
                        pool[1] = rows.getInt(2);
                    });
            long remaining = (long) pool[0] - pool[1];
            try {
                // Redis is a cache of the databases: once the sale is quiet, reconciliation makes the gate agree.
                await("flash sale " + sale.saleId() + " gate = database").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> gateRemaining(sale.saleId()) == remaining);
            } catch (ConditionTimeoutException e) {
                violation("flash sale " + sale.saleId() + ": the Redis gate says " + safely(() -> gateRemaining(sale.saleId()))
                        + " units remain, the databases " + remaining);
            }
        }
    }

    private static long gateRemaining(long saleId) {
        // Through the Sentinels when the suite runs Redis as a pair: after a failover the primary is the other node.
        return new RedisNodes().gateRemaining(saleId).orElse(-1L);
    }

    // --- locks and logs --------------------------------------------------------------------------------------------

    /** Every stock row of the run can be locked within seconds: no prepared branch or lost session holds one. */
    private void noRowLocked() throws SQLException {
        try (Connection connection = Databases.connect(Databases.INVENTORY)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION innodb_lock_wait_timeout = 5");
                statement.executeQuery("SELECT COUNT(*) FROM stock WHERE sku_id IN (" + scope.skuList() + ") FOR UPDATE")
                        .close();
            } catch (SQLException e) {
                violation("stock rows of the run are still locked: " + e.getMessage());
            } finally {
                connection.rollback();
            }
        }
    }

    /** No ReservationExpiry was applied to an order that does not exist (the listener logs it SEVERE). */
    private void noOrphanExpiries() {
        for (Path dir : scope.logDirs()) {
            // A scan of nothing would pass: a server's log folder without its messages.log is itself a failure.
            if (!Files.isDirectory(dir)) {
                violation("no server log folder " + dir + " to scan for orphan ReservationExpiry messages");
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> logs = files.filter(f -> f.getFileName().toString().startsWith("messages")).toList();
                if (logs.isEmpty()) {
                    violation("no messages.log in " + dir + " to scan for orphan ReservationExpiry messages");
                }
                for (Path log : logs) {
                    Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                            .filter(line -> line.contains("which does not exist"))
                            .forEach(line -> violation("a ReservationExpiry was applied without its order: " + line));
                }
            } catch (IOException e) {
                violation("cannot read the server logs in " + dir + ": " + e);
            }
        }
    }

    // --- reading -----------------------------------------------------------------------------------------------

    private Map<Long, Order> orders() throws SQLException {
        Map<Long, Order> orders = new HashMap<>();
        query(Databases.ORDERS, "SELECT id, customer_id, idempotency_key, status, flash_sale_id FROM customer_order"
                        + " WHERE customer_id IN (" + scope.customers().idList() + ")",
                rows -> orders.put(rows.getLong(1), new Order(rows.getLong(1), rows.getLong(2), rows.getString(3),
                        rows.getString(4), (Long) rows.getObject(5, Long.class))));
        return orders;
    }

    private Map<Long, Map<Long, Integer>> orderLines() throws SQLException {
        Map<Long, Map<Long, Integer>> lines = new HashMap<>();
        query(Databases.ORDERS, "SELECT l.order_id, l.sku_id, l.quantity FROM order_line l JOIN customer_order o"
                        + " ON o.id = l.order_id WHERE o.customer_id IN (" + scope.customers().idList() + ")",
                rows -> lines.computeIfAbsent(rows.getLong(1), id -> new HashMap<>())
                        .merge(rows.getLong(2), rows.getInt(3), Integer::sum));
        return lines;
    }

    private List<Reservation> reservations() throws SQLException {
        List<Reservation> reservations = new ArrayList<>();
        query(Databases.INVENTORY, "SELECT order_id, sku_id, pool, warehouse_id, quantity, status FROM reservation"
                + " WHERE sku_id IN (" + scope.skuList() + ")", rows -> reservations.add(new Reservation(rows.getLong(1),
                rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getInt(5), rows.getString(6))));
        return reservations;
    }

    private List<PaymentRow> payments() throws SQLException {
        List<PaymentRow> payments = new ArrayList<>();
        query(Databases.ORDERS, "SELECT id, order_id, status, requested_outcome, amount FROM payment WHERE customer_id IN ("
                + scope.customers().idList() + ")", rows -> payments.add(new PaymentRow(rows.getLong(1),
                rows.getLong(2), rows.getString(3), rows.getString(4), rows.getBigDecimal(5))));
        return payments;
    }

    /** Of these payments, the ones the provider charged (its own database). */
    static Set<Long> chargedPayments(List<Long> paymentIds) throws SQLException {
        Set<Long> charged = new java.util.HashSet<>();
        if (paymentIds.isEmpty()) {
            return charged;
        }
        query(Databases.PROVIDER, "SELECT merchant_payment_id FROM charge WHERE merchant_payment_id IN ("
                + paymentIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")",
                rows -> charged.add(rows.getLong(1)));
        return charged;
    }

    /**
     * Payments the provider charged that are still PENDING in the shop: their webhook is still owed (being retried,
     * e.g. until the server it calls back is up again).
     */
    static int chargedButPending(Customers customers) throws SQLException {
        List<Long> pending = new ArrayList<>();
        query(Databases.ORDERS, "SELECT id FROM payment WHERE status = 'PENDING' AND customer_id IN ("
                + customers.idList() + ")", rows -> pending.add(rows.getLong(1)));
        return chargedPayments(pending).size();
    }

    /** Webhooks of this run's payments the provider delivered only after retrying (a shop that was down, or failing). */
    static int webhooksRetried(Customers customers) throws SQLException {
        List<Long> ids = new ArrayList<>();
        query(Databases.ORDERS, "SELECT id FROM payment WHERE customer_id IN (" + customers.idList() + ")",
                rows -> ids.add(rows.getLong(1)));
        int[] count = new int[1];
        if (!ids.isEmpty()) {
            query(Databases.PROVIDER, "SELECT COUNT(*) FROM webhook w JOIN charge c ON c.id = w.charge_id"
                    + " WHERE w.attempts > 1 AND c.merchant_payment_id IN ("
                    + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")",
                    rows -> count[0] = rows.getInt(1));
        }
        return count[0];
    }

    /**
     * Succeeded payments of the run not yet applied to their order (neither paid it nor were refunded): their
     * PaymentSucceeded is still queued or redelivered, or went to the DLQ and waits for the servers' safety-net sweep.
     */
    static int unappliedPayments(Customers customers) throws SQLException {
        int[] count = new int[1];
        query(Databases.ORDERS, "SELECT COUNT(*) FROM payment p JOIN customer_order o ON o.id = p.order_id"
                + " WHERE p.status = 'SUCCEEDED' AND (o.payment_id IS NULL OR o.payment_id <> p.id)"
                + " AND p.customer_id IN (" + customers.idList() + ")", rows -> count[0] = rows.getInt(1));
        return count[0];
    }

    /** A flash sale's units left in its stock pool (on hand minus reserved), as its gate should count them. */
    static long poolRemaining(long saleId) throws SQLException {
        long[] remaining = new long[1];
        query(Databases.INVENTORY, "SELECT COALESCE(SUM(on_hand) - SUM(reserved), 0) FROM stock WHERE pool = " + saleId,
                rows -> remaining[0] = rows.getLong(1));
        return remaining[0];
    }

    /** Queued purchases of a flash sale that have been decided (ordered or failed). */
    static int ticketsDecided(long saleId) throws SQLException {
        return count("SELECT COUNT(*) FROM flash_ticket WHERE sale_id = " + saleId);
    }

    static int ticketsOrdered(long saleId) throws SQLException {
        return count("SELECT COUNT(*) FROM flash_ticket WHERE status = 'ORDERED' AND sale_id = " + saleId);
    }

    /** ORDERED tickets whose order does not exist as an order of their sale (must be 0). */
    static int orderedTicketsWithoutTheirOrder(long saleId) throws SQLException {
        return count("SELECT COUNT(*) FROM flash_ticket t LEFT JOIN customer_order o ON o.id = t.order_id"
                + " AND o.flash_sale_id = t.sale_id WHERE t.status = 'ORDERED' AND o.id IS NULL AND t.sale_id = " + saleId);
    }

    static int ordersOfSale(long saleId) throws SQLException {
        return count("SELECT COUNT(*) FROM customer_order WHERE flash_sale_id = " + saleId);
    }

    private static int count(String sql) throws SQLException {
        int[] count = new int[1];
        query(Databases.ORDERS, sql, rows -> count[0] = rows.getInt(1));
        return count[0];
    }

    /** Orders of the run still waiting for payment or expiry, and the latest moment one of them runs out. */
    static Map.Entry<Integer, java.sql.Timestamp> unsettledOrders(Customers customers) throws SQLException {
        int[] count = new int[1];
        java.sql.Timestamp[] latest = new java.sql.Timestamp[1];
        query(Databases.ORDERS, "SELECT COUNT(*), MAX(expires_at) FROM customer_order WHERE status = 'PENDING_PAYMENT'"
                + " AND customer_id IN (" + customers.idList() + ")", rows -> {
                    count[0] = rows.getInt(1);
                    latest[0] = rows.getTimestamp(2);
                });
        return Map.entry(count[0], latest[0] == null ? new java.sql.Timestamp(0) : latest[0]);
    }

    interface Row {
        void accept(ResultSet rows) throws SQLException;
    }

    static void query(String database, String sql, Row row) throws SQLException {
        try (Connection connection = Databases.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.accept(rows);
            }
        }
    }

    interface Source<T> {
        T get() throws Exception;
    }

    private static String safely(Source<?> source) {
        try {
            return String.valueOf(source.get());
        } catch (Exception e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
