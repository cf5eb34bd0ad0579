package dev.mall.bench;

import com.mysql.cj.jdbc.MysqlXADataSource;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XASession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

/**
 * Baselines B2 and B3: W1's work — place an order of two SKUs, pay it, settle the payment, mark the order paid and
 * confirm its stock — done without Liberty, by plain Java threads on the same databases (and broker), with the same
 * statements the application issues (docs/MONEY-PATH.md), the same tables and indexes, the same transaction
 * boundaries:
 * <ul>
 * <li>{@code LOCAL_JDBC} (B2): each transaction is local JDBC per database (commit orders, commit inventory); no JMS.
 * The floor of the SQL work itself.</li>
 * <li>{@code RAW_XA} (B3): each transaction that spans resources is an XA two-phase commit over Connector/J's
 * XAResources of both databases and an Artemis XA session (ReservationExpiry with its delivery delay,
 * PaymentSucceeded sent, received and OrderPaid published as W1 does), with the commit decision forced to a log file
 * before the commits, as any transaction manager must. The floor of "one XA transaction per state change".</li>
 * </ul>
 * The rows it writes are real orders (PAID, reservations CONFIRMED, stock reduced), so the stock audit checks this
 * code like any other; they carry the idempotency-key prefix {@code b2-} or {@code b3-}.
 */
public final class MoneyPathBaseline {

    public enum Mode { LOCAL_JDBC, RAW_XA }

    private enum Resource { ORDERS, INVENTORY, BROKER }

    private static final String EXPIRY_QUEUE = "mall.bench.reservation-expiry";
    private static final String PAYMENT_QUEUE = "mall.bench.payment-succeeded";
    private static final String EVENTS_TOPIC = "mall.bench.order-events";

    private final Mode mode;
    private final List<Long> skuIds;
    private final List<Long> customerIds;
    private final String prefix;
    private final Duration reservationTimeout = Duration.parse(BenchConfig.reservationTimeout());
    private final AtomicLong xidSequence = new AtomicLong();
    private final byte[] runId = UUID.randomUUID().toString().substring(0, 8).getBytes(StandardCharsets.US_ASCII);
    private volatile boolean measuring;
    private volatile boolean stop;
    private FileChannel decisionLog;

    public MoneyPathBaseline(Mode mode, List<Long> skuIds, List<Long> customerIds) {
        this.mode = mode;
        this.skuIds = skuIds;
        this.customerIds = customerIds;
        this.prefix = mode == Mode.LOCAL_JDBC ? "b2-" : "b3-";
    }

    /** Warm-up, then the measured phase, with {@link BenchConfig#concurrency()} threads; writes parts/ID.json. */
    public void runAndRecord(String id) throws Exception {
        int threads = BenchConfig.concurrency();
        if (mode == Mode.RAW_XA) {
            decisionLog = FileChannel.open(BenchConfig.out().resolve("b3-decisions.log"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
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
        Map<String, Double> cpuBefore = cpuWithSelf();
        long start = System.nanoTime();
        measuring = true;
        Thread.sleep(BenchConfig.seconds() * 1000L);
        measuring = false;
        long end = System.nanoTime();
        Map<String, Double> cpuAfter = cpuWithSelf();
        stop = true;
        for (Thread thread : running) {
            thread.join(60_000);
        }
        if (decisionLog != null) {
            decisionLog.close();
        }
        if (mode == Mode.RAW_XA) {
            dropBenchQueues();
            // The client's shared thread pools would outlive this step (Maven's exec:java closes its class loader).
            org.apache.activemq.artemis.api.core.client.ActiveMQClient.clearThreadPools();
            awaitBrokerClientThreads();
        }

        List<Long> latencies = new ArrayList<>();
        long retries = 0;
        long refused = 0;
        long failures = 0;
        Throwable firstFailure = null;
        for (Worker worker : workers) {
            latencies.addAll(worker.latencies);
            retries += worker.retries;
            refused += worker.refused;
            failures += worker.failures;
            if (firstFailure == null) {
                firstFailure = worker.firstFailure;
            }
        }
        double seconds = (end - start) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("mode", mode.name());
        result.put("threads", threads);
        result.put("seconds", seconds);
        result.put("orders", latencies.size());
        result.put("ordersPerSecond", latencies.size() / seconds);
        result.put("latencyMs", Stats.percentilesMillis(latencies));
        result.put("optimisticRetries", retries);
        result.put("refusedForContention", refused);
        result.put("failures", failures);
        if (firstFailure != null) {
            result.put("firstFailure", String.valueOf(firstFailure));
        }
        Map<String, Double> cpu = Cpu.used(cpuBefore, cpuAfter);
        result.put("cpuSeconds", cpu);
        result.put("cpuSecondsPerOrder", perOrder(cpu, latencies.size()));
        Json.writeFile(BenchConfig.out().resolve("parts/" + id + ".json"), result);
        Prepare.log("%s (%s): %.1f orders/s over %.0f s with %d threads, p50 %s ms, %d failures", id, mode,
                latencies.size() / seconds, seconds, threads, ((Map<?, ?>) result.get("latencyMs")).get("p50"), failures);
        if (failures > 0) {
            throw new IllegalStateException(id + " had " + failures + " failed orders, first: " + firstFailure);
        }
    }

    private static Map<String, Double> perOrder(Map<String, Double> cpu, long orders) {
        Map<String, Double> per = new LinkedHashMap<>();
        cpu.forEach((k, v) -> per.put(k, orders == 0 ? 0 : v / orders));
        return per;
    }

    /** The stack's processes plus this JVM (the baseline's own client work, which Liberty does in W1). */
    private static Map<String, Double> cpuWithSelf() {
        Map<String, Double> cpu = new LinkedHashMap<>(Cpu.read());
        cpu.remove("liberty"); // idle during baselines; not part of them
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        cpu.put("baselineClient", os.getProcessCpuTime() / 1e9);
        return cpu;
    }

    /** One client thread with its own connections: places and completes orders back to back. */
    private final class Worker implements Runnable {

        final List<Long> latencies = new ArrayList<>();
        long retries;
        long refused;
        long failures;
        Throwable firstFailure;

        Connection orders;
        Connection inventory;
        javax.sql.XAConnection ordersXa;
        javax.sql.XAConnection inventoryXa;
        ActiveMQXAConnectionFactory brokerFactory;
        jakarta.jms.XAConnection brokerConnection;
        XASession brokerSession;
        MessageProducer producer;
        MessageConsumer paymentConsumer;
        Queue expiryQueue;
        Queue paymentQueue;
        Topic eventsTopic;

        @Override
        public void run() {
            try {
                open();
                while (!stop) {
                    long begin = System.nanoTime();
                    boolean counted = measuring;
                    try {
                        oneOrder();
                        if (counted && measuring) {
                            latencies.add(System.nanoTime() - begin);
                        }
                    } catch (ContentionRefusal e) {
                        if (counted && measuring) {
                            refused++;
                        }
                    } catch (Exception e) {
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

        void open() throws Exception {
            if (mode == Mode.LOCAL_JDBC) {
                orders = DriverManager.getConnection(BenchConfig.jdbcUrl(BenchConfig.ordersDb()), BenchConfig.dbUser(),
                        BenchConfig.dbPassword());
                inventory = DriverManager.getConnection(BenchConfig.jdbcUrl(BenchConfig.inventoryDb()),
                        BenchConfig.dbUser(), BenchConfig.dbPassword());
                orders.setAutoCommit(false);
                inventory.setAutoCommit(false);
            } else {
                ordersXa = xaDataSource(BenchConfig.ordersDb()).getXAConnection();
                inventoryXa = xaDataSource(BenchConfig.inventoryDb()).getXAConnection();
                orders = ordersXa.getConnection();
                inventory = inventoryXa.getConnection();
                ActiveMQXAConnectionFactory factory = brokerFactory = new ActiveMQXAConnectionFactory(
                        "tcp://" + BenchConfig.brokerHost() + ":" + BenchConfig.brokerPort());
                // No prefetch: every client thread receives one PaymentSucceeded per order, whichever thread sent it,
                // and none may sit in another thread's buffer when that thread stops.
                factory.setConsumerWindowSize(0);
                brokerConnection = factory.createXAConnection(BenchConfig.brokerUser(), BenchConfig.brokerPassword());
                brokerSession = brokerConnection.createXASession();
                Session session = brokerSession.getSession();
                expiryQueue = session.createQueue(EXPIRY_QUEUE);
                paymentQueue = session.createQueue(PAYMENT_QUEUE);
                eventsTopic = session.createTopic(EVENTS_TOPIC);
                producer = session.createProducer(null);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                paymentConsumer = session.createConsumer(paymentQueue);
                brokerConnection.start();
            }
            for (Connection c : List.of(orders, inventory)) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }

        void close() {
            for (AutoCloseable c : new AutoCloseable[]{orders, inventory, ordersXa == null ? null : ordersXa::close,
                    inventoryXa == null ? null : inventoryXa::close, brokerConnection, brokerFactory}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing after the run
                    }
                }
            }
        }

        // ---------------------------------------------------------------------------------------------------------
        // W1's path, step by step (see the application classes named in each comment)

        void oneOrder() throws Exception {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long customer = customerIds.get(random.nextInt(customerIds.size()));
            TreeSet<Long> skus = new TreeSet<>();
            while (skus.size() < 2) {
                skus.add(skuIds.get(random.nextInt(skuIds.size())));
            }
            String key = prefix + UUID.randomUUID();
            long orderId = place(customer, key, skus);
            long paymentId = startPayment(orderId, customer);
            settlePayment(paymentId, orderId);
            applyPayment();
        }

        /** PlaceOrder + OrderPlacement + StockReservations.reserve + ReservationExpiryMessages. */
        long place(long customer, String key, TreeSet<Long> skus) throws Exception {
            try (PreparedStatement lookup = orders.prepareStatement(
                    "SELECT id FROM customer_order WHERE customer_id = ? AND idempotency_key = ?")) {
                lookup.setLong(1, customer);
                lookup.setString(2, key);
                lookup.executeQuery().close();
            }
            if (mode == Mode.LOCAL_JDBC) {
                orders.commit();
            }
            for (int attempt = 1; ; attempt++) {
                begin(EnumSet.allOf(Resource.class));
                try {
                    long orderId = placeAttempt(customer, key, skus);
                    commit(EnumSet.allOf(Resource.class));
                    return orderId;
                } catch (OptimisticConflict e) {
                    rollback(EnumSet.allOf(Resource.class));
                    retries++;
                    if (attempt >= 10) {
                        // What W1 answers 409 stock-contention: counted as refused, like Gatling's KOs, not a failure.
                        throw new ContentionRefusal();
                    }
                    Thread.sleep(Math.min(320, 10L << (attempt - 1)) / 2);
                } catch (Exception e) {
                    rollback(EnumSet.allOf(Resource.class));
                    throw e;
                }
            }
        }

        long placeAttempt(long customer, String key, TreeSet<Long> skus) throws Exception {
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
            Instant now = Instant.now();
            BigDecimal total = BigDecimal.ZERO;
            for (Object[] snapshot : snapshots.values()) {
                total = total.add((BigDecimal) snapshot[1]);
            }
            long orderId;
            try (PreparedStatement insert = orders.prepareStatement("INSERT INTO customer_order (number, customer_id,"
                    + " status, total, idempotency_key, request_hash, payment_id, flash_sale_id, created_at, expires_at,"
                    + " updated_at, version) VALUES (?, ?, 'PENDING_PAYMENT', ?, ?, ?, NULL, NULL, ?, ?, ?, 0)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, orderNumber());
                insert.setLong(2, customer);
                insert.setBigDecimal(3, total);
                insert.setString(4, key);
                insert.setString(5, "%064x".formatted(key.hashCode() & 0xffffffffL));
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setTimestamp(7, Timestamp.from(now.plus(reservationTimeout)));
                insert.setTimestamp(8, Timestamp.from(now));
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
            for (long sku : skus) {
                reserve(orderId, sku, now);
            }
            if (mode == Mode.RAW_XA) {
                Message expiry = brokerSession.getSession().createTextMessage("ReservationExpiry");
                expiry.setJMSType("ReservationExpiry");
                expiry.setLongProperty("orderId", orderId);
                producer.setDeliveryDelay(reservationTimeout.toMillis());
                producer.send(expiryQueue, expiry);
                producer.setDeliveryDelay(0);
            }
            return orderId;
        }

        /** StockReservations.reserve: read without a lock, write with the version check. */
        void reserve(long orderId, long sku, Instant now) throws SQLException {
            int pool;
            int bucket;
            int onHand;
            int reserved;
            long version;
            try (PreparedStatement select = inventory.prepareStatement("SELECT pool, bucket, on_hand, reserved, version"
                    + " FROM stock WHERE sku_id = ? AND pool = 0 ORDER BY bucket")) {
                select.setLong(1, sku);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    pool = rs.getInt(1);
                    bucket = rs.getInt(2);
                    onHand = rs.getInt(3);
                    reserved = rs.getInt(4);
                    version = rs.getLong(5);
                }
            }
            try (PreparedStatement insert = inventory.prepareStatement("INSERT INTO reservation (order_id, sku_id, pool,"
                    + " bucket, quantity, status, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 'RESERVED', ?, ?)")) {
                insert.setLong(1, orderId);
                insert.setLong(2, sku);
                insert.setInt(3, pool);
                insert.setInt(4, bucket);
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(now));
                insert.executeUpdate();
            }
            try (PreparedStatement update = inventory.prepareStatement("UPDATE stock SET on_hand = ?, reserved = ?,"
                    + " version = ? WHERE sku_id = ? AND pool = ? AND bucket = ? AND version = ?")) {
                update.setInt(1, onHand);
                update.setInt(2, reserved + 1);
                update.setLong(3, version + 1);
                update.setLong(4, sku);
                update.setInt(5, pool);
                update.setInt(6, bucket);
                update.setLong(7, version);
                if (update.executeUpdate() != 1) {
                    throw new OptimisticConflict();
                }
            }
        }

        /** PaymentLedger.start: one local transaction on the orders database. */
        long startPayment(long orderId, long customer) throws Exception {
            BigDecimal amount;
            try (PreparedStatement select = orders.prepareStatement(
                    "SELECT total, status, customer_id FROM customer_order WHERE id = ?")) {
                select.setLong(1, orderId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    amount = rs.getBigDecimal(1);
                }
            }
            begin(EnumSet.of(Resource.ORDERS));
            Instant now = Instant.now();
            long paymentId;
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
                    paymentId = keys.getLong(1);
                }
            }
            commit(EnumSet.of(Resource.ORDERS));
            return paymentId;
        }

        /** PaymentCallbacks.apply: lock the payment, settle it, send PaymentSucceeded. */
        void settlePayment(long paymentId, long orderId) throws Exception {
            Set<Resource> resources = mode == Mode.RAW_XA ? EnumSet.of(Resource.ORDERS, Resource.BROKER)
                    : EnumSet.of(Resource.ORDERS);
            begin(resources);
            try {
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
                if (mode == Mode.RAW_XA) {
                    Message succeeded = brokerSession.getSession().createTextMessage("PaymentSucceeded");
                    succeeded.setJMSType("PaymentSucceeded");
                    succeeded.setLongProperty("paymentId", paymentId);
                    succeeded.setLongProperty("orderId", orderId);
                    producer.send(paymentQueue, succeeded);
                } else {
                    pendingPayment = new long[]{paymentId, orderId};
                }
                commit(resources);
            } catch (Exception e) {
                rollback(resources);
                throw e;
            }
        }

        long[] pendingPayment;

        /**
         * PaymentSucceededListener + PaidOrders.apply + StockReservations.confirm + OrderEvents.paid: in B3 the
         * message is received in the transaction (by whichever client thread gets it), as the MDB does.
         */
        void applyPayment() throws Exception {
            Set<Resource> resources = mode == Mode.RAW_XA ? EnumSet.allOf(Resource.class)
                    : EnumSet.of(Resource.ORDERS, Resource.INVENTORY);
            begin(resources);
            try {
                long paymentId;
                long orderId;
                String messageId;
                if (mode == Mode.RAW_XA) {
                    Message message = paymentConsumer.receive(10_000);
                    if (message == null) {
                        throw new IllegalStateException("no PaymentSucceeded within 10 s");
                    }
                    paymentId = message.getLongProperty("paymentId");
                    orderId = message.getLongProperty("orderId");
                    messageId = message.getJMSMessageID();
                } else {
                    paymentId = pendingPayment[0];
                    orderId = pendingPayment[1];
                    messageId = "ID:" + UUID.randomUUID();
                }
                try (PreparedStatement insert = orders.prepareStatement(
                        "INSERT IGNORE INTO processed_message (consumer, message_id) VALUES (?, ?)")) {
                    insert.setString(1, "payment-succeeded");
                    insert.setString(2, messageId);
                    insert.executeUpdate();
                }
                long version;
                try (PreparedStatement select = orders.prepareStatement("SELECT status, version, total, number"
                        + " FROM customer_order WHERE id = ? FOR UPDATE")) {
                    select.setLong(1, orderId);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        version = rs.getLong(2);
                    }
                }
                Instant now = Instant.now();
                try (PreparedStatement update = orders.prepareStatement("UPDATE customer_order SET status = 'PAID',"
                        + " payment_id = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")) {
                    update.setLong(1, paymentId);
                    update.setTimestamp(2, Timestamp.from(now));
                    update.setLong(3, version + 1);
                    update.setLong(4, orderId);
                    update.setLong(5, version);
                    update.executeUpdate();
                }
                confirm(orderId, now);
                if (mode == Mode.RAW_XA) {
                    Message paid = brokerSession.getSession().createTextMessage("OrderPaid");
                    paid.setJMSType("OrderPaid");
                    paid.setLongProperty("orderId", orderId);
                    producer.send(eventsTopic, paid);
                }
                commit(resources);
            } catch (Exception e) {
                rollback(resources);
                throw e;
            }
        }

        /** StockReservations.confirm: the order's reservations, each stock row locked, then both updated. */
        void confirm(long orderId, Instant now) throws SQLException {
            List<long[]> held = new ArrayList<>();
            try (PreparedStatement select = inventory.prepareStatement("SELECT id, sku_id, pool, bucket, quantity"
                    + " FROM reservation WHERE order_id = ? AND status = 'RESERVED' ORDER BY sku_id, pool, bucket")) {
                select.setLong(1, orderId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        held.add(new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                    }
                }
            }
            for (long[] r : held) {
                long version;
                int onHand;
                int reserved;
                try (PreparedStatement lock = inventory.prepareStatement("SELECT on_hand, reserved, version FROM stock"
                        + " WHERE sku_id = ? AND pool = ? AND bucket = ? FOR UPDATE")) {
                    lock.setLong(1, r[1]);
                    lock.setLong(2, r[2]);
                    lock.setLong(3, r[3]);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        onHand = rs.getInt(1);
                        reserved = rs.getInt(2);
                        version = rs.getLong(3);
                    }
                }
                try (PreparedStatement update = inventory.prepareStatement("UPDATE stock SET on_hand = ?, reserved = ?,"
                        + " version = ? WHERE sku_id = ? AND pool = ? AND bucket = ? AND version = ?")) {
                    update.setInt(1, onHand - (int) r[4]);
                    update.setInt(2, reserved - (int) r[4]);
                    update.setLong(3, version + 1);
                    update.setLong(4, r[1]);
                    update.setLong(5, r[2]);
                    update.setLong(6, r[3]);
                    update.setLong(7, version);
                    update.executeUpdate();
                }
                try (PreparedStatement update = inventory.prepareStatement(
                        "UPDATE reservation SET status = 'CONFIRMED', updated_at = ? WHERE id = ?")) {
                    update.setTimestamp(1, Timestamp.from(now));
                    update.setLong(2, r[0]);
                    update.executeUpdate();
                }
            }
        }

        // ---------------------------------------------------------------------------------------------------------
        // Transactions: local commits per database (B2), or XA two-phase commit driven by hand (B3)

        Xid xid;

        void begin(Set<Resource> resources) throws XAException {
            if (mode == Mode.LOCAL_JDBC) {
                return;
            }
            long sequence = xidSequence.incrementAndGet();
            xid = new BenchXid(sequence, (byte) 0);
            for (Resource resource : resources) {
                xa(resource).start(branch(resource), XAResource.TMNOFLAGS);
            }
        }

        void commit(Set<Resource> resources) throws Exception {
            if (mode == Mode.LOCAL_JDBC) {
                if (resources.contains(Resource.ORDERS)) {
                    orders.commit();
                }
                if (resources.contains(Resource.INVENTORY)) {
                    inventory.commit();
                }
                return;
            }
            for (Resource resource : resources) {
                xa(resource).end(branch(resource), XAResource.TMSUCCESS);
            }
            if (resources.size() == 1) {
                Resource only = resources.iterator().next();
                xa(only).commit(branch(only), true);
                return;
            }
            List<Resource> toCommit = new ArrayList<>();
            for (Resource resource : resources) {
                if (xa(resource).prepare(branch(resource)) == XAResource.XA_OK) {
                    toCommit.add(resource);
                }
            }
            logDecision();
            for (Resource resource : toCommit) {
                xa(resource).commit(branch(resource), false);
            }
        }

        void rollback(Set<Resource> resources) {
            if (mode == Mode.LOCAL_JDBC) {
                try {
                    orders.rollback();
                    inventory.rollback();
                } catch (SQLException ignored) {
                    // the failure that led here is reported
                }
                return;
            }
            for (Resource resource : resources) {
                try {
                    xa(resource).end(branch(resource), XAResource.TMSUCCESS);
                } catch (XAException ignored) {
                    // may already be ended
                }
                try {
                    xa(resource).rollback(branch(resource));
                } catch (XAException ignored) {
                    // the failure that led here is reported
                }
            }
        }

        XAResource xa(Resource resource) throws XAException {
            try {
                return switch (resource) {
                    case ORDERS -> ordersXa.getXAResource();
                    case INVENTORY -> inventoryXa.getXAResource();
                    case BROKER -> brokerSession.getXAResource();
                };
            } catch (SQLException e) {
                throw (XAException) new XAException(XAException.XAER_RMERR).initCause(e);
            }
        }

        Xid branch(Resource resource) {
            return new BenchXid(((BenchXid) xid).sequence, (byte) (resource.ordinal() + 1));
        }

        /** The transaction manager's commit record, forced to disk before any branch commits. */
        void logDecision() throws IOException {
            ByteBuffer record = ByteBuffer.allocate(64);
            record.put(runId).putLong(((BenchXid) xid).sequence).putLong(System.nanoTime());
            record.flip();
            synchronized (MoneyPathBaseline.this) {
                decisionLog.write(record);
            }
            decisionLog.force(false);
        }
    }

    private final class BenchXid implements Xid {
        final long sequence;
        final byte branch;

        BenchXid(long sequence, byte branch) {
            this.sequence = sequence;
            this.branch = branch;
        }

        @Override
        public int getFormatId() {
            return 0x4d414c4c; // "MALL"
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return ByteBuffer.allocate(runId.length + 8).put(runId).putLong(sequence).array();
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[]{branch};
        }
    }

    private static final class ContentionRefusal extends RuntimeException {
        ContentionRefusal() {
            super("stock contention after 10 attempts", null, false, false);
        }
    }

    private static final class OptimisticConflict extends RuntimeException {
        OptimisticConflict() {
            super("stock row changed since it was read", null, false, false);
        }
    }

    private static MysqlXADataSource xaDataSource(String database) {
        MysqlXADataSource ds = new MysqlXADataSource();
        ds.setUrl(BenchConfig.jdbcUrl(database));
        ds.setUser(BenchConfig.dbUser());
        ds.setPassword(BenchConfig.dbPassword());
        return ds;
    }

    private static String orderNumber() {
        char[] alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
        StringBuilder number = new StringBuilder("B").append(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"))).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            number.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return number.toString();
    }

    /**
     * The client's Netty event loop shuts down a moment after its last connection closed; Maven's exec:java closes
     * this step's class loader when main returns, and a Netty thread still running then fails to load its classes.
     */
    private static void awaitBrokerClientThreads() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().contains("activemq"))) {
            Thread.sleep(200);
        }
    }

    /** The bench's own queues hold B3's scheduled ReservationExpiry messages: they go with the queues. */
    private static void dropBenchQueues() {
        try (var locator = org.apache.activemq.artemis.api.core.client.ActiveMQClient.createServerLocator(
                "tcp://" + BenchConfig.brokerHost() + ":" + BenchConfig.brokerPort());
             var factory = locator.createSessionFactory();
             var session = factory.createSession(BenchConfig.brokerUser(), BenchConfig.brokerPassword(), false, true,
                     true, false, 1)) {
            for (String queue : List.of(EXPIRY_QUEUE, PAYMENT_QUEUE)) {
                try {
                    session.deleteQueue(queue);
                } catch (Exception e) {
                    Prepare.log("could not delete queue %s: %s", queue, e);
                }
            }
        } catch (Exception e) {
            Prepare.log("could not drop the bench queues: %s", e);
        }
    }
}
