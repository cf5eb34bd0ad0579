package dev.mall.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Baseline B8: W1's orders as a TCC transaction built by hand — what a team writes instead of XA when it follows the
 * reference article's TCC advice — on the same two databases, tables and statements ({@link W1Sql}) as B2 and B3:
 * <ul>
 * <li><b>Try</b> = place: the orders participant inserts the order (PENDING_PAYMENT) and its lines, then the
 * inventory participant reserves the units (reservations RESERVED) — each a local transaction of its own database.
 * <li>The payment (open, settle) is local to the orders database, as in B2; its success is the decision.
 * <li><b>Confirm</b> = the order PAID, then the reservations CONFIRMED and the units sold; <b>Cancel</b> = the order
 * CANCELLED, then the reservations RELEASED and the units back — again one local transaction per database.
 * </ul>
 * With the records a TCC framework keeps (Seata's names in brackets), all bench-owned tables that this class creates:
 * <ul>
 * <li>the transaction manager's log in the orders database, {@code bench_tcc_global} and {@code bench_tcc_branch}
 * ({@code global_table}, {@code branch_table}): written when the transaction begins (with its two branches), when it
 * decides (CONFIRMING or CANCELLING, before any phase-2 call) and deleted when both branches have finished — what
 * recovery needs to finish a transaction whose manager died;
 * <li>a fence in each participant's database, {@code bench_tcc_fence} ({@code tcc_fence_log}), written in the same
 * local transaction as the participant's business rows: TRIED by the try, COMMITTED/ROLLBACKED by confirm/cancel
 * (so a repeated confirm or cancel changes nothing), SUSPENDED by a cancel that finds no try (the <i>empty
 * rollback</i>), whose row then makes a try that arrives after it fail on the primary key (<i>anti-hanging</i>).
 * </ul>
 * Most transactions are paid; {@code MALL_BENCH_TCC_CANCEL} [0.05] of them are cancelled after their tries,
 * {@code MALL_BENCH_TCC_LOST_TRY} [0.01] lose their first try (the manager times out, cancels both branches — two
 * empty rollbacks — and the delayed try then arrives and must be refused), and {@code MALL_BENCH_TCC_DUPLICATE}
 * [0.01] get their confirm or cancel delivered twice (the second must change nothing). Orders carry the key prefix
 * {@code b8-}; every ended transaction leaves the rows the stock audit expects (PAID ↔ CONFIRMED, CANCELLED ↔
 * RELEASED, a lost try nothing at all).
 */
public final class TccBaseline {

    static final String PREFIX = "b8-";
    static final long ORDERS_BRANCH = 1;
    static final long INVENTORY_BRANCH = 2;

    /** Seata's TCCFenceConstant values. */
    static final int TRIED = 1;
    static final int COMMITTED = 2;
    static final int ROLLBACKED = 3;
    static final int SUSPENDED = 4;

    /** What a phase-2 call found. */
    enum Outcome { DONE, ALREADY_DONE, EMPTY_ROLLBACK, REFUSED }

    private final List<Long> skuIds;
    private final List<Long> customerIds;
    private final Duration reservationTimeout = Duration.parse(BenchConfig.reservationTimeout());
    private final double cancelShare = BenchConfig.doubleEnv("MALL_BENCH_TCC_CANCEL", 0.05);
    private final double lostTryShare = BenchConfig.doubleEnv("MALL_BENCH_TCC_LOST_TRY", 0.01);
    private final double duplicateShare = BenchConfig.doubleEnv("MALL_BENCH_TCC_DUPLICATE", 0.01);
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong xidSequence = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean stop;

    public TccBaseline(List<Long> skuIds, List<Long> customerIds) {
        this.skuIds = skuIds;
        this.customerIds = customerIds;
    }

    static Connection connect(String database) throws SQLException {
        Connection c = DriverManager.getConnection(BenchConfig.jdbcUrl(database), BenchConfig.dbUser(),
                BenchConfig.dbPassword());
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    /** The bench's own tables (never the product's migrations): the manager's log and a fence per participant. */
    static void createTables() throws SQLException {
        try (Connection orders = connect(BenchConfig.ordersDb()); Connection inventory = connect(BenchConfig.inventoryDb());
             Statement o = orders.createStatement(); Statement i = inventory.createStatement()) {
            o.execute("CREATE TABLE IF NOT EXISTS bench_tcc_global (xid VARCHAR(64) NOT NULL, status VARCHAR(16) NOT NULL,"
                    + " business_key VARCHAR(150) NOT NULL, created_at TIMESTAMP(3) NOT NULL,"
                    + " updated_at TIMESTAMP(3) NOT NULL, PRIMARY KEY (xid), KEY ix_tcc_global_status (status, updated_at))"
                    + " ENGINE = InnoDB");
            o.execute("CREATE TABLE IF NOT EXISTS bench_tcc_branch (xid VARCHAR(64) NOT NULL, branch_id BIGINT NOT NULL,"
                    + " resource_id VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL, PRIMARY KEY (xid, branch_id))"
                    + " ENGINE = InnoDB");
            for (Statement s : List.of(o, i)) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_tcc_fence (xid VARCHAR(64) NOT NULL, branch_id BIGINT NOT NULL,"
                        + " action_name VARCHAR(64) NOT NULL, status TINYINT NOT NULL, business_key VARCHAR(150) NULL,"
                        + " created_at TIMESTAMP(3) NOT NULL, updated_at TIMESTAMP(3) NOT NULL,"
                        + " PRIMARY KEY (xid, branch_id), KEY ix_tcc_fence_updated (updated_at), KEY ix_tcc_fence_status (status))"
                        + " ENGINE = InnoDB");
            }
        }
    }

    /** Warm-up, then the measured phase, with {@link BenchConfig#concurrency()} threads; writes parts/ID.json. */
    public void runAndRecord(String id) throws Exception {
        createTables();
        int threads = BenchConfig.concurrency();
        List<Worker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker worker = new Worker();
            workers.add(worker);
            Thread thread = new Thread(worker, id + "-" + i);
            running.add(thread);
            thread.start();
        }
        Thread.sleep(BenchConfig.warmup() * 1000L);
        Map<String, Double> cpuBefore = MoneyPathBaseline.cpuWithSelf();
        long start = System.nanoTime();
        measuring = true;
        Thread.sleep(BenchConfig.seconds() * 1000L);
        measuring = false;
        long end = System.nanoTime();
        Map<String, Double> cpuAfter = MoneyPathBaseline.cpuWithSelf();
        stop = true;
        for (Thread thread : running) {
            thread.join(60_000);
        }
        long recovered = recover();

        List<Long> paid = new ArrayList<>();
        List<Long> cancelled = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> measured = new LinkedHashMap<>();
        long failures = 0;
        Throwable firstFailure = null;
        for (Worker worker : workers) {
            paid.addAll(worker.paidLatencies);
            cancelled.addAll(worker.cancelledLatencies);
            worker.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
            worker.measured.forEach((k, v) -> measured.merge(k, v, Long::sum));
            failures += worker.failures;
            if (firstFailure == null) {
                firstFailure = worker.firstFailure;
            }
        }
        double seconds = (end - start) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("mode", "TCC_BY_HAND");
        result.put("threads", threads);
        result.put("seconds", seconds);
        result.put("orders", paid.size());
        result.put("ordersPerSecond", paid.size() / seconds);
        result.put("cancelledOrders", cancelled.size());
        result.put("globalTransactionsPerSecond", measured.values().stream().mapToLong(Long::longValue).sum() / seconds);
        result.put("measured", measured);
        result.put("latencyMs", Stats.percentilesMillis(paid));
        result.put("cancelLatencyMs", Stats.percentilesMillis(cancelled));
        result.put("shares", Map.of("cancel", cancelShare, "lostTry", lostTryShare, "duplicatePhase2", duplicateShare));
        result.put("countsWholeRun", counts);
        result.put("unfinishedAtEndRecovered", recovered);
        result.put("records", records());
        result.put("failures", failures);
        if (firstFailure != null) {
            result.put("firstFailure", String.valueOf(firstFailure));
        }
        Map<String, Double> cpu = Cpu.used(cpuBefore, cpuAfter);
        result.put("cpuSeconds", cpu);
        // All the phase's work (cancels and lost tries included) per PAID order: conservative by a few per cent.
        result.put("cpuSecondsPerOrder", MoneyPathBaseline.perOrder(cpu, paid.size()));
        Json.writeFile(BenchConfig.out().resolve("parts/" + id + ".json"), result);
        Prepare.log("%s (TCC by hand): %.1f PAID orders/s over %.0f s with %d threads, p50 %s ms; %s; %d failures", id,
                paid.size() / seconds, seconds, threads, ((Map<?, ?>) result.get("latencyMs")).get("p50"), counts,
                failures);
        if (failures > 0) {
            throw new IllegalStateException(id + " had " + failures + " failed transactions, first: " + firstFailure);
        }
        long hanging = counts.getOrDefault("hangingTriesRefused", 0L);
        if (hanging != counts.getOrDefault("lostTries", 0L)) {
            throw new IllegalStateException(id + ": " + counts.getOrDefault("lostTries", 0L) + " lost tries but "
                    + hanging + " refused when they arrived late");
        }
    }

    /** Rows per status in the fence tables and what is left in the manager's log. */
    static Map<String, Object> records() throws SQLException {
        Map<String, Object> records = new LinkedHashMap<>();
        for (String[] db : new String[][]{{"ordersFence", BenchConfig.ordersDb()}, {"inventoryFence", BenchConfig.inventoryDb()}}) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            try (Connection c = connect(db[1]); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM bench_tcc_fence GROUP BY status ORDER BY status")) {
                while (rs.next()) {
                    byStatus.put(switch (rs.getInt(1)) {
                        case TRIED -> "TRIED";
                        case COMMITTED -> "COMMITTED";
                        case ROLLBACKED -> "ROLLBACKED";
                        case SUSPENDED -> "SUSPENDED";
                        default -> "status " + rs.getInt(1);
                    }, rs.getLong(2));
                }
                c.commit();
            }
            records.put(db[0], byStatus);
        }
        try (Connection c = connect(BenchConfig.ordersDb()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bench_tcc_global")) {
            rs.next();
            records.put("globalLogRowsLeft", rs.getLong(1));
            c.commit();
        }
        return records;
    }

    /**
     * What a TCC manager's recovery does after a crash, run once at the end: every transaction still in the log is
     * finished as logged — CONFIRMING confirmed, TRYING and CANCELLING cancelled. After a clean run there is none.
     */
    long recover() throws Exception {
        List<String[]> open = new ArrayList<>();
        try (Connection c = connect(BenchConfig.ordersDb()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT xid, status, business_key FROM bench_tcc_global")) {
            while (rs.next()) {
                open.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            }
            c.commit();
        }
        if (open.isEmpty()) {
            return 0;
        }
        Worker worker = new Worker();
        worker.open();
        try {
            for (String[] tx : open) {
                String[] key = tx[2].split(":", 2);
                Global global = new Global(tx[0], Long.parseLong(key[0]), key[1]);
                if (tx[1].equals("CONFIRMING")) {
                    worker.confirmAll(global);
                } else {
                    worker.decide(global, "CANCELLING");
                    worker.cancelAll(global);
                }
                worker.end(global);
            }
        } finally {
            worker.close();
        }
        Prepare.log("B8 recovery finished %d transactions left in the log", open.size());
        return open.size();
    }

    /** One global transaction: its id and the order's business key (customer, Idempotency-Key). */
    record Global(String xid, long customer, String key) {
        String businessKey() {
            return customer + ":" + key;
        }
    }

    private static final class HangingTry extends RuntimeException {
        HangingTry() {
            super("try refused: its transaction was rolled back before it arrived", null, false, false);
        }
    }

    /** One client thread: the transaction manager of its own orders, and the caller of both participants. */
    private final class Worker implements Runnable {

        final List<Long> paidLatencies = new ArrayList<>();
        final List<Long> cancelledLatencies = new ArrayList<>();
        /** How every transaction of the run ended, warm-up included (the checks); measured: the phase only. */
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Map<String, Long> measured = new LinkedHashMap<>();
        long failures;
        Throwable firstFailure;

        Connection log;
        Connection orders;
        Connection inventory;

        void open() throws SQLException {
            log = connect(BenchConfig.ordersDb());
            orders = connect(BenchConfig.ordersDb());
            inventory = connect(BenchConfig.inventoryDb());
        }

        void close() {
            for (Connection c : new Connection[]{log, orders, inventory}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // closing after the run
                    }
                }
            }
        }

        @Override
        public void run() {
            try {
                open();
                while (!stop) {
                    long begin = System.nanoTime();
                    boolean counted = measuring;
                    try {
                        String ended = oneTransaction();
                        counts.merge(ended, 1L, Long::sum);
                        if (counted && measuring) {
                            long took = System.nanoTime() - begin;
                            if (ended.equals("paid")) {
                                paidLatencies.add(took);
                            } else if (ended.equals("cancelled")) {
                                cancelledLatencies.add(took);
                            }
                            measured.merge(ended, 1L, Long::sum);
                        }
                    } catch (Exception e) {
                        rollbackQuietly();
                        failures++;
                        if (firstFailure == null) {
                            firstFailure = e;
                        }
                        if (failures > 50) {
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                failures++;
                firstFailure = e;
            } finally {
                close();
            }
        }

        void count(String what) {
            counts.merge(what, 1L, Long::sum);
        }

        /** One order from begin to end; answers how it ended: paid, cancelled, lostTries or refused. */
        String oneTransaction() throws Exception {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long customer = customerIds.get(random.nextInt(customerIds.size()));
            TreeSet<Long> skus = new TreeSet<>();
            while (skus.size() < 2) {
                skus.add(skuIds.get(random.nextInt(skuIds.size())));
            }
            Global global = new Global(runId + "-" + xidSequence.incrementAndGet(), customer, PREFIX + UUID.randomUUID());
            W1Sql.lookupKey(orders, customer, global.key());
            orders.commit();
            Map<Long, Object[]> snapshots = W1Sql.snapshots(inventory, skus);
            inventory.commit();
            begin(global);
            double fate = random.nextDouble();
            boolean duplicate = random.nextDouble() < duplicateShare;

            if (fate < lostTryShare) {
                // The orders try is sent, the call times out before it ran: the manager rolls back, and both
                // participants see a cancel for a try they never had.
                decide(global, "CANCELLING");
                expect(cancelOrders(global), Outcome.EMPTY_ROLLBACK, "cancel of a lost orders try");
                expect(cancelInventory(global), Outcome.EMPTY_ROLLBACK, "cancel of a never-sent inventory try");
                end(global);
                // ... then the delayed try arrives. Its fence row collides with the SUSPENDED one: refused, nothing
                // written. Without the fence it would create an order (and reserve stock) nobody will ever end.
                try {
                    tryOrders(global, snapshots);
                    throw new IllegalStateException("a try that arrived after its cancel was not refused: " + global);
                } catch (HangingTry e) {
                    orders.rollback();
                    count("hangingTriesRefused");
                }
                return "lostTries";
            }

            long orderId = tryOrders(global, snapshots);
            try {
                tryInventory(global, orderId, skus);
            } catch (W1Sql.ContentionRefusal e) {
                decide(global, "CANCELLING");
                cancelAll(global);
                end(global);
                return "refused";
            }
            if (fate < lostTryShare + cancelShare) {
                // The customer cancels (or the reservation expires): phase 2 is cancel.
                decide(global, "CANCELLING");
                cancelAll(global);
                if (duplicate) {
                    expect(cancelOrders(global), Outcome.ALREADY_DONE, "repeated cancel (orders)");
                    expect(cancelInventory(global), Outcome.ALREADY_DONE, "repeated cancel (inventory)");
                    count("duplicatePhase2Ignored");
                }
                end(global);
                return "cancelled";
            }
            long paymentId = W1Sql.insertPayment(orders, orderId, customer, W1Sql.orderTotal(orders, orderId));
            orders.commit();
            W1Sql.settlePayment(orders, paymentId);
            orders.commit();
            // The payment succeeded: that is the decision, logged before any confirm is sent.
            decide(global, "CONFIRMING");
            confirmAll(global);
            if (duplicate) {
                expect(confirmOrders(global), Outcome.ALREADY_DONE, "repeated confirm (orders)");
                expect(confirmInventory(global), Outcome.ALREADY_DONE, "repeated confirm (inventory)");
                count("duplicatePhase2Ignored");
            }
            end(global);
            return "paid";
        }

        void expect(Outcome got, Outcome wanted, String what) {
            if (got != wanted) {
                throw new IllegalStateException(what + ": " + got + ", expected " + wanted);
            }
        }

        void confirmAll(Global global) throws SQLException {
            expect(confirmOrders(global), Outcome.DONE, "confirm (orders)");
            expect(confirmInventory(global), Outcome.DONE, "confirm (inventory)");
        }

        void cancelAll(Global global) throws SQLException {
            Outcome o = cancelOrders(global);
            Outcome i = cancelInventory(global);
            if (o == Outcome.REFUSED || i == Outcome.REFUSED) {
                throw new IllegalStateException("cancel refused (already confirmed): " + global);
            }
        }

        // -----------------------------------------------------------------------------------------------------
        // The transaction manager's log (orders database, its own connection and local transactions)

        void begin(Global global) throws SQLException {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = log.prepareStatement("INSERT INTO bench_tcc_global (xid, status,"
                    + " business_key, created_at, updated_at) VALUES (?, 'TRYING', ?, ?, ?)")) {
                insert.setString(1, global.xid());
                insert.setString(2, global.businessKey());
                insert.setTimestamp(3, now);
                insert.setTimestamp(4, now);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = log.prepareStatement("INSERT INTO bench_tcc_branch (xid, branch_id,"
                    + " resource_id, status) VALUES (?, ?, 'orders', 'REGISTERED'), (?, ?, 'inventory', 'REGISTERED')")) {
                insert.setString(1, global.xid());
                insert.setLong(2, ORDERS_BRANCH);
                insert.setString(3, global.xid());
                insert.setLong(4, INVENTORY_BRANCH);
                insert.executeUpdate();
            }
            log.commit();
        }

        void decide(Global global, String status) throws SQLException {
            try (PreparedStatement update = log.prepareStatement(
                    "UPDATE bench_tcc_global SET status = ?, updated_at = ? WHERE xid = ?")) {
                update.setString(1, status);
                update.setTimestamp(2, Timestamp.from(Instant.now()));
                update.setString(3, global.xid());
                update.executeUpdate();
            }
            log.commit();
        }

        void end(Global global) throws SQLException {
            for (String table : List.of("bench_tcc_branch", "bench_tcc_global")) {
                try (PreparedStatement delete = log.prepareStatement("DELETE FROM " + table + " WHERE xid = ?")) {
                    delete.setString(1, global.xid());
                    delete.executeUpdate();
                }
            }
            log.commit();
        }

        // -----------------------------------------------------------------------------------------------------
        // Participants: each phase one local transaction of its own database, fence row included

        /** Orders try: the fence row first (a SUSPENDED one makes it fail: anti-hanging), then the order. */
        long tryOrders(Global global, Map<Long, Object[]> snapshots) throws SQLException {
            if (!Fence.insert(orders, global.xid(), ORDERS_BRANCH, "placeOrder", TRIED, global.businessKey())) {
                throw new HangingTry();
            }
            long orderId = W1Sql.insertOrder(orders, global.customer(), global.key(), snapshots, Instant.now(),
                    reservationTimeout);
            orders.commit();
            return orderId;
        }

        /** Inventory try: fence row and reservations; a lost optimistic race retries the local transaction. */
        void tryInventory(Global global, long orderId, TreeSet<Long> skus) throws Exception {
            for (int attempt = 1; ; attempt++) {
                try {
                    if (!Fence.insert(inventory, global.xid(), INVENTORY_BRANCH, "reserveStock", TRIED,
                            Long.toString(orderId))) {
                        inventory.rollback();
                        throw new HangingTry();
                    }
                    Instant now = Instant.now();
                    for (long sku : skus) {
                        W1Sql.reserve(inventory, orderId, sku, now);
                    }
                    inventory.commit();
                    return;
                } catch (W1Sql.OptimisticConflict e) {
                    inventory.rollback();
                    count("optimisticRetries");
                    if (attempt >= 10) {
                        throw new W1Sql.ContentionRefusal();
                    }
                    Thread.sleep(Math.min(320, 10L << (attempt - 1)) / 2);
                }
            }
        }

        Outcome confirmOrders(Global global) throws SQLException {
            return phaseTwo(orders, global, ORDERS_BRANCH, "placeOrder", true, businessKey -> {
                Object[] order = lockOrderByKey(global);
                long paymentId = succeededPayment((Long) order[0]);
                W1Sql.markPaid(orders, (Long) order[0], (Long) order[2], paymentId, Instant.now());
            });
        }

        Outcome confirmInventory(Global global) throws SQLException {
            return phaseTwo(inventory, global, INVENTORY_BRANCH, "reserveStock", true, orderId ->
                    W1Sql.confirm(inventory, Long.parseLong(orderId), Instant.now()));
        }

        Outcome cancelOrders(Global global) throws SQLException {
            return phaseTwo(orders, global, ORDERS_BRANCH, "placeOrder", false, businessKey -> {
                Object[] order = lockOrderByKey(global);
                if ("PENDING_PAYMENT".equals(order[1])) {
                    W1Sql.markCancelled(orders, (Long) order[0], (Long) order[2], Instant.now());
                }
            });
        }

        Outcome cancelInventory(Global global) throws SQLException {
            return phaseTwo(inventory, global, INVENTORY_BRANCH, "reserveStock", false, orderId ->
                    W1Sql.release(inventory, Long.parseLong(orderId), Instant.now()));
        }

        /**
         * Seata's commitFence / rollbackFence: the branch's fence row locked; no row — confirm is an error, cancel
         * writes SUSPENDED (empty rollback); already ended the same way — nothing (idempotent); ended the other way —
         * refused; else the business change and the new status, in one local transaction.
         */
        Outcome phaseTwo(Connection c, Global global, long branch, String action, boolean confirm, SqlAction business)
                throws SQLException {
            Fence.Row row = Fence.lock(c, global.xid(), branch);
            Outcome outcome;
            if (row == null) {
                if (confirm) {
                    c.rollback();
                    throw new IllegalStateException("confirm without a try: " + global + " branch " + branch);
                }
                if (!Fence.insert(c, global.xid(), branch, action, SUSPENDED, null)) {
                    c.rollback();
                    throw new IllegalStateException("a try raced the empty rollback of " + global + "; cancel again");
                }
                outcome = Outcome.EMPTY_ROLLBACK;
                count("emptyRollbacks");
            } else if (row.status() == (confirm ? COMMITTED : ROLLBACKED) || (!confirm && row.status() == SUSPENDED)) {
                outcome = Outcome.ALREADY_DONE;
            } else if (row.status() != TRIED) {
                outcome = Outcome.REFUSED;
            } else {
                business.run(row.businessKey());
                Fence.update(c, global.xid(), branch, confirm ? COMMITTED : ROLLBACKED);
                outcome = Outcome.DONE;
            }
            c.commit();
            return outcome;
        }

        /** The order of this transaction, locked: {id, status, version}. */
        Object[] lockOrderByKey(Global global) throws SQLException {
            try (PreparedStatement select = orders.prepareStatement("SELECT id, status, version FROM customer_order"
                    + " WHERE customer_id = ? AND idempotency_key = ? FOR UPDATE")) {
                select.setLong(1, global.customer());
                select.setString(2, global.key());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("fence says TRIED but there is no order: " + global);
                    }
                    return new Object[]{rs.getLong(1), rs.getString(2), rs.getLong(3)};
                }
            }
        }

        /** The payment that decided the confirm (its id is not part of the try's context). */
        long succeededPayment(long orderId) throws SQLException {
            try (PreparedStatement select = orders.prepareStatement(
                    "SELECT id FROM payment WHERE order_id = ? AND status = 'SUCCEEDED'")) {
                select.setLong(1, orderId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("confirm without a succeeded payment, order " + orderId);
                    }
                    return rs.getLong(1);
                }
            }
        }

        void rollbackQuietly() {
            for (Connection c : new Connection[]{log, orders, inventory}) {
                try {
                    if (c != null) {
                        c.rollback();
                    }
                } catch (SQLException ignored) {
                    // the failure that led here is reported
                }
            }
        }
    }

    /** A participant's business change in phase 2, given the business key its try left in the fence row. */
    @FunctionalInterface
    interface SqlAction {
        void run(String businessKey) throws SQLException;
    }

    /** Seata's tcc_fence_log by hand: one row per (transaction, branch) in the participant's own database. */
    static final class Fence {

        private Fence() {
        }

        /** Inserts the branch's row; false if it exists (a try after its cancel, or a cancel racing a try). */
        static boolean insert(Connection c, String xid, long branch, String action, int status, String businessKey)
                throws SQLException {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_tcc_fence (xid, branch_id, action_name,"
                    + " status, business_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, xid);
                insert.setLong(2, branch);
                insert.setString(3, action);
                insert.setInt(4, status);
                insert.setString(5, businessKey);
                insert.setTimestamp(6, now);
                insert.setTimestamp(7, now);
                insert.executeUpdate();
                return true;
            } catch (SQLIntegrityConstraintViolationException e) {
                return false;
            }
        }

        record Row(int status, String businessKey) {
        }

        /** The branch's row, locked until the local transaction ends; null if there is none. */
        static Row lock(Connection c, String xid, long branch) throws SQLException {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT status, business_key FROM bench_tcc_fence WHERE xid = ? AND branch_id = ? FOR UPDATE")) {
                select.setString(1, xid);
                select.setLong(2, branch);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? new Row(rs.getInt(1), rs.getString(2)) : null;
                }
            }
        }

        static void update(Connection c, String xid, long branch, int status) throws SQLException {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE bench_tcc_fence SET status = ?, updated_at = ? WHERE xid = ? AND branch_id = ?")) {
                update.setInt(1, status);
                update.setTimestamp(2, Timestamp.from(Instant.now()));
                update.setString(3, xid);
                update.setLong(4, branch);
                update.executeUpdate();
            }
        }
    }
}
