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
import java.sql.SQLException;
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
 * code like any other; they carry the idempotency-key prefix {@code b2-} or {@code b3-}. The statements themselves are
 * {@link W1Sql}'s, shared with B7 ({@link OutboxBaseline}) and B8 ({@link TccBaseline}).
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
            dropBenchQueues(List.of(EXPIRY_QUEUE, PAYMENT_QUEUE));
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

    static Map<String, Double> perOrder(Map<String, Double> cpu, long orders) {
        Map<String, Double> per = new LinkedHashMap<>();
        cpu.forEach((k, v) -> per.put(k, orders == 0 ? 0 : v / orders));
        return per;
    }

    /** The stack's processes plus this JVM (the baseline's own client work, which Liberty does in W1). */
    static Map<String, Double> cpuWithSelf() {
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
                    } catch (W1Sql.ContentionRefusal e) {
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
            W1Sql.lookupKey(orders, customer, key);
            if (mode == Mode.LOCAL_JDBC) {
                orders.commit();
            }
            for (int attempt = 1; ; attempt++) {
                begin(EnumSet.allOf(Resource.class));
                try {
                    long orderId = placeAttempt(customer, key, skus);
                    commit(EnumSet.allOf(Resource.class));
                    return orderId;
                } catch (W1Sql.OptimisticConflict e) {
                    rollback(EnumSet.allOf(Resource.class));
                    retries++;
                    if (attempt >= 10) {
                        // What W1 answers 409 stock-contention: counted as refused, like Gatling's KOs, not a failure.
                        throw new W1Sql.ContentionRefusal();
                    }
                    Thread.sleep(Math.min(320, 10L << (attempt - 1)) / 2);
                } catch (Exception e) {
                    rollback(EnumSet.allOf(Resource.class));
                    throw e;
                }
            }
        }

        long placeAttempt(long customer, String key, TreeSet<Long> skus) throws Exception {
            Map<Long, Object[]> snapshots = W1Sql.snapshots(inventory, skus);
            Instant now = Instant.now();
            long orderId = W1Sql.insertOrder(orders, customer, key, snapshots, now, reservationTimeout);
            for (long sku : skus) {
                W1Sql.reserve(inventory, orderId, sku, now);
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

        /** PaymentLedger.start: one local transaction on the orders database. */
        long startPayment(long orderId, long customer) throws Exception {
            BigDecimal amount = W1Sql.orderTotal(orders, orderId);
            begin(EnumSet.of(Resource.ORDERS));
            long paymentId = W1Sql.insertPayment(orders, orderId, customer, amount);
            commit(EnumSet.of(Resource.ORDERS));
            return paymentId;
        }

        /** PaymentCallbacks.apply: lock the payment, settle it, send PaymentSucceeded. */
        void settlePayment(long paymentId, long orderId) throws Exception {
            Set<Resource> resources = mode == Mode.RAW_XA ? EnumSet.of(Resource.ORDERS, Resource.BROKER)
                    : EnumSet.of(Resource.ORDERS);
            begin(resources);
            try {
                W1Sql.settlePayment(orders, paymentId);
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
                W1Sql.recordProcessed(orders, "payment-succeeded", messageId);
                Object[] order = W1Sql.lockOrder(orders, orderId);
                Instant now = Instant.now();
                W1Sql.markPaid(orders, orderId, (Long) order[1], paymentId, now);
                W1Sql.confirm(inventory, orderId, now);
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

    private static MysqlXADataSource xaDataSource(String database) {
        MysqlXADataSource ds = new MysqlXADataSource();
        ds.setUrl(BenchConfig.jdbcUrl(database));
        ds.setUser(BenchConfig.dbUser());
        ds.setPassword(BenchConfig.dbPassword());
        return ds;
    }

    /**
     * The client's Netty event loop shuts down a moment after its last connection closed; Maven's exec:java closes
     * this step's class loader when main returns, and a Netty thread still running then fails to load its classes.
     */
    static void awaitBrokerClientThreads() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().contains("activemq"))) {
            Thread.sleep(200);
        }
    }

    /** The bench's own queues hold B3's (B7's) scheduled ReservationExpiry messages: they go with the queues. */
    static void dropBenchQueues(List<String> queues) {
        try (var locator = org.apache.activemq.artemis.api.core.client.ActiveMQClient.createServerLocator(
                "tcp://" + BenchConfig.brokerHost() + ":" + BenchConfig.brokerPort());
             var factory = locator.createSessionFactory();
             var session = factory.createSession(BenchConfig.brokerUser(), BenchConfig.brokerPassword(), false, true,
                     true, false, 1)) {
            for (String queue : queues) {
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
