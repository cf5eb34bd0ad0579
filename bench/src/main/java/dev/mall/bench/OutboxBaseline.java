package dev.mall.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.sql.DriverManager;
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
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Baseline B7: W1 with a transactional outbox instead of XA — what the reference article calls a local message table
 * — on the same databases, tables and statements ({@link W1Sql}) as B2 and B3:
 * <ul>
 * <li>Every step is local transactions per database, as in B2 (place: the orders transaction, then the inventory
 * one; the payment: orders only). A step that sends a message — ReservationExpiry when placing, PaymentSucceeded when
 * the payment settles, OrderPaid when the order is paid — inserts an <b>outbox row</b> in the same local transaction
 * of the orders database instead ({@code bench_outbox}, a bench-owned table this class creates).
 * <li>A <b>relay</b> thread polls the outbox ({@code SELECT … FOR UPDATE SKIP LOCKED}, up to 500 rows, every
 * {@code MALL_BENCH_OUTBOX_POLL_MS} [20] ms while it is empty), sends the rows to Artemis in one transacted JMS
 * session (one broker commit per batch, ReservationExpiry with its delivery delay), then deletes them. It delivers
 * at least once: a relay that dies between the broker's commit and its delete sends the batch again, which
 * {@code MALL_BENCH_OUTBOX_DUPLICATE} [0.01] of the PaymentSucceeded messages simulate.
 * <li>Eight <b>consumers</b> (the MDB pool's size) receive PaymentSucceeded (client acknowledgement, after the
 * database work) and apply it as two local transactions, each <b>deduplicated</b> by a processed_message row keyed by
 * the outbox row's id (the JMS message id changes when a row is sent twice): on the orders database the order row
 * locked and PAID with an OrderPaid outbox row, then — only if the order is PAID by this payment — on the inventory
 * database the reservations CONFIRMED and the units sold. The order row decides, as in the product, so a
 * ReservationExpiry racing the payment cannot leave a sold reservation on an expired order.
 * </ul>
 * Measured: PAID orders per second end to end (orders placed in the phase, until the last of them is PAID, like W1),
 * CPU per order, the client's time per order (place to settled payment), and the delay from the settled payment to
 * the order being PAID (relay, broker, consumer) and from the start of placing to PAID. Orders carry the key prefix
 * {@code b7-}.
 */
public final class OutboxBaseline {

    static final String PREFIX = "b7-";
    static final String EXPIRY_QUEUE = "mall.bench.b7.reservation-expiry";
    static final String PAYMENT_QUEUE = "mall.bench.b7.payment-succeeded";
    static final String EVENTS_TOPIC = "mall.bench.order-events";
    static final String CONSUMER = "b7-payment-succeeded";
    static final int CONSUMERS = 8;
    static final int BATCH = 500;

    private final List<Long> skuIds;
    private final List<Long> customerIds;
    private final Duration reservationTimeout = Duration.parse(BenchConfig.reservationTimeout());
    private final int pollMillis = BenchConfig.intEnv("MALL_BENCH_OUTBOX_POLL_MS", 20);
    private final double duplicateShare = BenchConfig.doubleEnv("MALL_BENCH_OUTBOX_DUPLICATE", 0.01);
    private volatile Map<Long, Track> tracked = new ConcurrentHashMap<>();
    private final AtomicLong duplicatesSent = new AtomicLong();
    private final AtomicLong duplicatesSkipped = new AtomicLong();
    private final AtomicLong notPayable = new AtomicLong();
    private final AtomicLong relayBatches = new AtomicLong();
    private final AtomicLong relayMessages = new AtomicLong();
    private final AtomicLong relayLargestBatch = new AtomicLong();
    /** Where the relay's time goes, nanoseconds: reading the rows, sending them, the broker's commit, the delete. */
    private final AtomicLong relaySelectNanos = new AtomicLong();
    private final AtomicLong relaySendNanos = new AtomicLong();
    private final AtomicLong relayBrokerCommitNanos = new AtomicLong();
    private final AtomicLong relayDeleteNanos = new AtomicLong();
    /** PaymentSucceeded in the consumers: how many, time from the relay's send to the receive, time applying. */
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong consumedBrokerMillis = new AtomicLong();
    private final AtomicLong consumedApplyNanos = new AtomicLong();
    private final AtomicLong backgroundFailures = new AtomicLong();
    private volatile Throwable firstBackgroundFailure;
    private volatile boolean measuring;
    private volatile boolean stopClients;
    private volatile boolean stopRelay;
    private volatile boolean stopConsumers;
    private volatile boolean relayIdle;

    /** One order placed in the measured phase: when placing began, when its payment settled, when it was PAID. */
    static final class Track {
        final long placed;
        volatile long settled;
        volatile long paid;

        Track(long placed) {
            this.placed = placed;
        }
    }

    public OutboxBaseline(List<Long> skuIds, List<Long> customerIds) {
        this.skuIds = skuIds;
        this.customerIds = customerIds;
    }

    static java.sql.Connection connect(String database) throws SQLException {
        java.sql.Connection c = DriverManager.getConnection(BenchConfig.jdbcUrl(database), BenchConfig.dbUser(),
                BenchConfig.dbPassword());
        c.setAutoCommit(false);
        c.setTransactionIsolation(java.sql.Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    /** The bench's own table (never the product's migrations). */
    static void createTables() throws SQLException {
        try (java.sql.Connection orders = connect(BenchConfig.ordersDb()); Statement s = orders.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_outbox (id BIGINT NOT NULL AUTO_INCREMENT,"
                    + " destination VARCHAR(100) NOT NULL, message_type VARCHAR(40) NOT NULL, order_id BIGINT NOT NULL,"
                    + " payment_id BIGINT NULL, deliver_at TIMESTAMP(3) NULL, created_at TIMESTAMP(3) NOT NULL,"
                    + " PRIMARY KEY (id)) ENGINE = InnoDB");
        }
    }

    static ActiveMQConnectionFactory brokerFactory() {
        return new ActiveMQConnectionFactory("tcp://" + BenchConfig.brokerHost() + ":" + BenchConfig.brokerPort());
    }

    /**
     * Warm-up, the closed-loop phase (capacity: its orders until the last is PAID), then an open-loop phase at
     * {@link BenchConfig#openLoopLoad()} of that capacity (the delay to PAID when the pipeline keeps up, not a
     * backlog's); writes parts/ID.json.
     */
    public void runAndRecord(String id) throws Exception {
        createTables();
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            consumers.add(start(new Consumer(), id + "-consumer-" + i));
        }
        Thread relay = start(new Relay(), id + "-relay");
        int threads = BenchConfig.concurrency();
        List<Client> clients = new ArrayList<>();

        // Closed loop: as B2 and B3, each client places and pays its next order as soon as the last one settled.
        List<Thread> running = startClients(id, threads, clients, 0);
        Thread.sleep(BenchConfig.warmup() * 1000L);
        Map<String, Double> cpuBefore = MoneyPathBaseline.cpuWithSelf();
        long start = System.nanoTime();
        measuring = true;
        Thread.sleep(BenchConfig.seconds() * 1000L);
        measuring = false;
        long end = System.nanoTime();
        stopClients(running);
        Map<Long, Track> capacityOrders = drain();
        Map<String, Double> cpuAfter = MoneyPathBaseline.cpuWithSelf();
        long lastPaid = capacityOrders.values().stream().mapToLong(t -> t.paid).max().orElse(end);
        double endToEndSeconds = (Math.max(lastPaid, end) - start) / 1e9;
        Map<String, Object> capacity = figures(capacityOrders);
        long orders = (Long) capacity.get("paid");

        // Open loop at a fraction of that capacity: orders arrive on a fixed schedule over the same clients.
        double rate = BenchConfig.openLoopLoad() * orders / endToEndSeconds;
        List<Thread> paced = startClients(id + "-open", threads, clients, rate > 0 ? (long) (1e9 / rate) : 1_000_000_000L);
        measuring = true;
        Thread.sleep(BenchConfig.seconds() * 1000L);
        measuring = false;
        stopClients(paced);
        Map<String, Object> open = figures(drain());
        open.put("arrivalPerSecond", rate);

        stopRelay = true;
        relay.join(60_000);
        // A duplicate sent in the relay's last batches may still be on its way to a consumer.
        long duplicatesDeadline = System.nanoTime() + 10_000_000_000L;
        while (duplicatesSkipped.get() < duplicatesSent.get() && System.nanoTime() < duplicatesDeadline) {
            Thread.sleep(20);
        }
        stopConsumers = true;
        for (Thread thread : consumers) {
            thread.join(60_000);
        }
        long outboxLeft = outboxRows();
        MoneyPathBaseline.dropBenchQueues(List.of(EXPIRY_QUEUE, PAYMENT_QUEUE));
        org.apache.activemq.artemis.api.core.client.ActiveMQClient.clearThreadPools();
        MoneyPathBaseline.awaitBrokerClientThreads();

        long failures = backgroundFailures.get();
        long refused = 0;
        long retries = 0;
        Throwable firstFailure = firstBackgroundFailure;
        for (Client client : clients) {
            failures += client.failures;
            refused += client.refused;
            retries += client.retries;
            if (firstFailure == null) {
                firstFailure = client.firstFailure;
            }
        }
        double seconds = (end - start) / 1e9;
        long unpaid = (Long) capacity.get("unpaidAfterDrain") + (Long) open.get("unpaidAfterDrain");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("mode", "LOCAL_JDBC_OUTBOX");
        result.put("threads", threads);
        result.put("consumers", CONSUMERS);
        result.put("pollMillis", pollMillis);
        result.put("seconds", seconds);
        result.put("endToEndSeconds", endToEndSeconds);
        result.put("orders", orders);
        result.put("ordersPerSecond", orders / endToEndSeconds);
        result.put("latencyMs", capacity.get("placeToPaidMs"));
        result.put("clientLatencyMs", capacity.get("clientLatencyMs"));
        result.put("settleToPaidMs", capacity.get("settleToPaidMs"));
        result.put("openLoop", open);
        result.put("unpaidAfterDrain", unpaid);
        result.put("optimisticRetries", retries);
        result.put("refusedForContention", refused);
        Map<String, Object> relayFigures = new LinkedHashMap<>();
        relayFigures.put("batches", relayBatches.get());
        relayFigures.put("messages", relayMessages.get());
        relayFigures.put("largestBatch", relayLargestBatch.get());
        relayFigures.put("meanBatch", relayBatches.get() == 0 ? 0 : (double) relayMessages.get() / relayBatches.get());
        relayFigures.put("outboxRowsLeft", outboxLeft);
        relayFigures.put("millisSelecting", relaySelectNanos.get() / 1e6);
        relayFigures.put("millisSending", relaySendNanos.get() / 1e6);
        relayFigures.put("millisBrokerCommit", relayBrokerCommitNanos.get() / 1e6);
        relayFigures.put("millisDeleting", relayDeleteNanos.get() / 1e6);
        result.put("relay", relayFigures);
        Map<String, Object> consumerFigures = new LinkedHashMap<>();
        long n = Math.max(1, consumed.get());
        consumerFigures.put("messages", consumed.get());
        consumerFigures.put("meanMillisSentToReceived", (double) consumedBrokerMillis.get() / n);
        consumerFigures.put("meanMillisApplying", consumedApplyNanos.get() / 1e6 / n);
        result.put("consumer", consumerFigures);
        result.put("duplicatesSent", duplicatesSent.get());
        result.put("duplicatesSkipped", duplicatesSkipped.get());
        result.put("notPayable", notPayable.get());
        result.put("failures", failures);
        if (firstFailure != null) {
            result.put("firstFailure", String.valueOf(firstFailure));
        }
        Map<String, Double> cpu = Cpu.used(cpuBefore, cpuAfter);
        result.put("cpuSeconds", cpu);
        result.put("cpuSecondsPerOrder", MoneyPathBaseline.perOrder(cpu, orders));
        Json.writeFile(BenchConfig.out().resolve("parts/" + id + ".json"), result);
        Prepare.log("%s (outbox): %.1f PAID orders/s end to end (%d orders, %.1f s), settle→PAID p50 %s ms p99 %s ms;"
                        + " open loop at %.1f/s: settle→PAID p50 %s ms p99 %s ms; %d duplicates sent, %d skipped;"
                        + " %d failures", id, orders / endToEndSeconds, orders, endToEndSeconds,
                ((Map<?, ?>) result.get("settleToPaidMs")).get("p50"), ((Map<?, ?>) result.get("settleToPaidMs")).get("p99"),
                rate, ((Map<?, ?>) open.get("settleToPaidMs")).get("p50"), ((Map<?, ?>) open.get("settleToPaidMs")).get("p99"),
                duplicatesSent.get(), duplicatesSkipped.get(),
                failures);
        if (failures > 0) {
            throw new IllegalStateException(id + " had " + failures + " failures, first: " + firstFailure);
        }
        if (unpaid > 0 || outboxLeft > 0) {
            throw new IllegalStateException(id + ": " + unpaid + " orders not PAID after the drain, " + outboxLeft
                    + " outbox rows not relayed");
        }
        if (duplicatesSent.get() != duplicatesSkipped.get()) {
            throw new IllegalStateException(id + ": " + duplicatesSent.get() + " PaymentSucceeded sent twice but "
                    + duplicatesSkipped.get() + " skipped as duplicates");
        }
    }

    /** Starts the client threads; {@code intervalNanos} > 0: open loop, one order every interval over all of them. */
    private List<Thread> startClients(String id, int threads, List<Client> clients, long intervalNanos) {
        stopClients = false;
        tracked = new ConcurrentHashMap<>();
        AtomicLong nextArrival = new AtomicLong(System.nanoTime());
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Client client = new Client(intervalNanos > 0 ? () -> nextArrival.getAndAdd(intervalNanos) : null);
            clients.add(client);
            running.add(start(client, id + "-" + i));
        }
        return running;
    }

    private void stopClients(List<Thread> running) throws InterruptedException {
        stopClients = true;
        for (Thread thread : running) {
            thread.join(60_000);
        }
    }

    /** Waits (at most two minutes) until every order of the phase whose payment settled is PAID; answers them. */
    private Map<Long, Track> drain() throws InterruptedException {
        Map<Long, Track> phase = tracked;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && phase.values().stream().anyMatch(t -> t.settled != 0 && t.paid == 0)) {
            Thread.sleep(20);
        }
        return phase;
    }

    /** A phase's orders: the client's time (place to settled), settled to PAID, place to PAID, in milliseconds. */
    private static Map<String, Object> figures(Map<Long, Track> phase) {
        List<Long> clientLatencies = new ArrayList<>();
        List<Long> settleToPaid = new ArrayList<>();
        List<Long> placeToPaid = new ArrayList<>();
        long unpaid = 0;
        for (Track t : phase.values()) {
            if (t.settled == 0) {
                continue;
            }
            clientLatencies.add(t.settled - t.placed);
            if (t.paid == 0) {
                unpaid++;
                continue;
            }
            settleToPaid.add(Math.max(0, t.paid - t.settled));
            placeToPaid.add(t.paid - t.placed);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("paid", (long) placeToPaid.size());
        figures.put("unpaidAfterDrain", unpaid);
        figures.put("clientLatencyMs", Stats.percentilesMillis(clientLatencies));
        figures.put("settleToPaidMs", Stats.percentilesMillis(settleToPaid));
        figures.put("placeToPaidMs", Stats.percentilesMillis(placeToPaid));
        return figures;
    }

    private static Thread start(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.start();
        return thread;
    }

    private void background(Throwable e) {
        if (backgroundFailures.incrementAndGet() == 1) {
            firstBackgroundFailure = e;
        }
    }

    static long outboxRows() throws SQLException {
        try (java.sql.Connection c = connect(BenchConfig.ordersDb()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bench_outbox")) {
            rs.next();
            long rows = rs.getLong(1);
            c.commit();
            return rows;
        }
    }

    /** The outbox row, in the caller's local transaction of the orders database. */
    static void outbox(java.sql.Connection orders, String destination, String type, long orderId, Long paymentId,
                       Instant deliverAt) throws SQLException {
        try (PreparedStatement insert = orders.prepareStatement("INSERT INTO bench_outbox (destination, message_type,"
                + " order_id, payment_id, deliver_at, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, destination);
            insert.setString(2, type);
            insert.setLong(3, orderId);
            if (paymentId == null) {
                insert.setNull(4, java.sql.Types.BIGINT);
            } else {
                insert.setLong(4, paymentId);
            }
            insert.setTimestamp(5, deliverAt == null ? null : Timestamp.from(deliverAt));
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The shop's side: place and pay, local transactions with outbox rows

    private final class Client implements Runnable {
        /** Open loop: the next arrival time (System.nanoTime) for this client to take; closed loop: null. */
        final java.util.function.LongSupplier arrivals;
        long failures;
        long refused;
        long retries;
        Throwable firstFailure;
        java.sql.Connection orders;
        java.sql.Connection inventory;

        Client(java.util.function.LongSupplier arrivals) {
            this.arrivals = arrivals;
        }

        @Override
        public void run() {
            try {
                orders = connect(BenchConfig.ordersDb());
                inventory = connect(BenchConfig.inventoryDb());
                while (!stopClients) {
                    if (arrivals != null) {
                        long wait = arrivals.getAsLong() - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        if (stopClients) {
                            break;
                        }
                    }
                    Track track = measuring ? new Track(System.nanoTime()) : null;
                    try {
                        oneOrder(track);
                    } catch (W1Sql.ContentionRefusal e) {
                        refused++;
                    } catch (Exception e) {
                        rollback();
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
                close(orders);
                close(inventory);
            }
        }

        void oneOrder(Track track) throws Exception {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long customer = customerIds.get(random.nextInt(customerIds.size()));
            TreeSet<Long> skus = new TreeSet<>();
            while (skus.size() < 2) {
                skus.add(skuIds.get(random.nextInt(skuIds.size())));
            }
            String key = PREFIX + UUID.randomUUID();
            W1Sql.lookupKey(orders, customer, key);
            orders.commit();
            long orderId = place(customer, key, skus);
            if (track != null) {
                tracked.put(orderId, track);
            }
            long paymentId = W1Sql.insertPayment(orders, orderId, customer, W1Sql.orderTotal(orders, orderId));
            orders.commit();
            W1Sql.settlePayment(orders, paymentId);
            outbox(orders, PAYMENT_QUEUE, "PaymentSucceeded", orderId, paymentId, null);
            orders.commit();
            if (track != null) {
                track.settled = System.nanoTime();
            }
        }

        /** As B2: the orders transaction (with the ReservationExpiry outbox row), the inventory one; commit both. */
        long place(long customer, String key, TreeSet<Long> skus) throws Exception {
            for (int attempt = 1; ; attempt++) {
                try {
                    Map<Long, Object[]> snapshots = W1Sql.snapshots(inventory, skus);
                    Instant now = Instant.now();
                    long orderId = W1Sql.insertOrder(orders, customer, key, snapshots, now, reservationTimeout);
                    for (long sku : skus) {
                        W1Sql.reserve(inventory, orderId, sku, now);
                    }
                    outbox(orders, EXPIRY_QUEUE, "ReservationExpiry", orderId, null, now.plus(reservationTimeout));
                    orders.commit();
                    inventory.commit();
                    return orderId;
                } catch (W1Sql.OptimisticConflict e) {
                    rollback();
                    retries++;
                    if (attempt >= 10) {
                        throw new W1Sql.ContentionRefusal();
                    }
                    Thread.sleep(Math.min(320, 10L << (attempt - 1)) / 2);
                }
            }
        }

        void rollback() {
            for (java.sql.Connection c : new java.sql.Connection[]{orders, inventory}) {
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

    // ---------------------------------------------------------------------------------------------------------------
    // The relay: outbox rows to the broker, at least once

    private final class Relay implements Runnable {
        @Override
        public void run() {
            ActiveMQConnectionFactory factory = brokerFactory();
            try (factory; java.sql.Connection orders = connect(BenchConfig.ordersDb());
                 Connection connection = factory.createConnection(BenchConfig.brokerUser(), BenchConfig.brokerPassword())) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(null);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                Queue expiry = session.createQueue(EXPIRY_QUEUE);
                Queue payment = session.createQueue(PAYMENT_QUEUE);
                Topic events = session.createTopic(EVENTS_TOPIC);
                while (true) {
                    int sent;
                    try {
                        sent = relayBatch(orders, session, producer, expiry, payment, events);
                    } catch (Exception e) {
                        background(e);
                        try {
                            session.rollback();
                            orders.rollback();
                        } catch (Exception ignored) {
                            // reported above
                        }
                        sent = 0;
                    }
                    if (sent == 0) {
                        relayIdle = true;
                        if (stopRelay) {
                            return;
                        }
                        Thread.sleep(pollMillis);
                    } else {
                        relayIdle = false;
                    }
                }
            } catch (Exception e) {
                background(e);
            }
        }

        int relayBatch(java.sql.Connection orders, Session session, MessageProducer producer, Queue expiry,
                       Queue payment, Topic events) throws Exception {
            List<Long> ids = new ArrayList<>();
            long t0 = System.nanoTime();
            long sending = 0;
            try (PreparedStatement select = orders.prepareStatement("SELECT id, destination, message_type, order_id,"
                    + " payment_id, deliver_at FROM bench_outbox ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long outboxId = rs.getLong(1);
                    String destination = rs.getString(2);
                    String type = rs.getString(3);
                    Message message = session.createTextMessage(type);
                    message.setJMSType(type);
                    message.setLongProperty("outboxId", outboxId);
                    message.setLongProperty("orderId", rs.getLong(4));
                    long paymentId = rs.getLong(5);
                    if (!rs.wasNull()) {
                        message.setLongProperty("paymentId", paymentId);
                    }
                    Timestamp deliverAt = rs.getTimestamp(6);
                    long delay = deliverAt == null ? 0 : Math.max(0, deliverAt.getTime() - System.currentTimeMillis());
                    producer.setDeliveryDelay(delay);
                    jakarta.jms.Destination to = destination.equals(EXPIRY_QUEUE) ? expiry
                            : destination.equals(PAYMENT_QUEUE) ? payment : events;
                    long s0 = System.nanoTime();
                    producer.send(to, message);
                    sending += System.nanoTime() - s0;
                    if (to == payment && ThreadLocalRandom.current().nextDouble() < duplicateShare) {
                        // As a relay that died after the broker's commit and before its delete: sent again.
                        producer.send(to, message);
                        duplicatesSent.incrementAndGet();
                    }
                    ids.add(outboxId);
                }
            }
            if (ids.isEmpty()) {
                orders.commit();
                return 0;
            }
            long t1 = System.nanoTime();
            relaySelectNanos.addAndGet(t1 - t0 - sending);
            relaySendNanos.addAndGet(sending);
            producer.setDeliveryDelay(0);
            session.commit();
            long t2 = System.nanoTime();
            relayBrokerCommitNanos.addAndGet(t2 - t1);
            StringBuilder in = new StringBuilder();
            for (long outboxId : ids) {
                in.append(in.length() == 0 ? "" : ",").append(outboxId);
            }
            try (Statement delete = orders.createStatement()) {
                delete.executeUpdate("DELETE FROM bench_outbox WHERE id IN (" + in + ")");
            }
            orders.commit();
            relayDeleteNanos.addAndGet(System.nanoTime() - t2);
            relayBatches.incrementAndGet();
            relayMessages.addAndGet(ids.size());
            relayLargestBatch.accumulateAndGet(ids.size(), Math::max);
            return ids.size();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The consumer: PaymentSucceeded applied once per outbox row, whatever the number of deliveries

    private final class Consumer implements Runnable {
        @Override
        public void run() {
            ActiveMQConnectionFactory factory = brokerFactory();
            try (factory; java.sql.Connection orders = connect(BenchConfig.ordersDb());
                 java.sql.Connection inventory = connect(BenchConfig.inventoryDb());
                 Connection connection = factory.createConnection(BenchConfig.brokerUser(), BenchConfig.brokerPassword())) {
                Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(PAYMENT_QUEUE));
                connection.start();
                while (true) {
                    Message message = consumer.receive(100);
                    if (message == null) {
                        if (stopConsumers && relayIdle) {
                            return;
                        }
                        continue;
                    }
                    try {
                        long received = System.currentTimeMillis();
                        long a0 = System.nanoTime();
                        apply(orders, inventory, message);
                        message.acknowledge();
                        consumed.incrementAndGet();
                        consumedBrokerMillis.addAndGet(received - message.getJMSTimestamp());
                        consumedApplyNanos.addAndGet(System.nanoTime() - a0);
                    } catch (Exception e) {
                        background(e);
                        try {
                            orders.rollback();
                            inventory.rollback();
                            session.recover();
                        } catch (Exception ignored) {
                            // reported above
                        }
                    }
                }
            } catch (Exception e) {
                background(e);
            }
        }

        void apply(java.sql.Connection orders, java.sql.Connection inventory, Message message) throws Exception {
            String messageId = "outbox-" + message.getLongProperty("outboxId");
            long orderId = message.getLongProperty("orderId");
            long paymentId = message.getLongProperty("paymentId");
            boolean first = W1Sql.recordProcessed(orders, CONSUMER, messageId);
            String status;
            long version;
            long paidBy;
            try (PreparedStatement select = orders.prepareStatement("SELECT status, version, payment_id"
                    + " FROM customer_order WHERE id = ? FOR UPDATE")) {
                select.setLong(1, orderId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    status = rs.getString(1);
                    version = rs.getLong(2);
                    paidBy = rs.getLong(3);
                }
            }
            boolean paidNow = false;
            if (first && status.equals("PENDING_PAYMENT")) {
                Instant now = Instant.now();
                W1Sql.markPaid(orders, orderId, version, paymentId, now);
                outbox(orders, EVENTS_TOPIC, "OrderPaid", orderId, paymentId, null);
                paidNow = true;
            } else if (first) {
                // Expired or cancelled first: the product refunds the payment; never the case in this baseline.
                notPayable.incrementAndGet();
            }
            orders.commit();
            Track track = tracked.get(orderId);
            if (paidNow && track != null) {
                track.paid = System.nanoTime();
            }
            if (!first) {
                duplicatesSkipped.incrementAndGet();
            }
            if (paidNow || (status.equals("PAID") && paidBy == paymentId)) {
                // Second local transaction: the units sold, deduplicated on its own (a redelivery after a crash
                // between the two transactions finds the order PAID and confirms here, once).
                if (W1Sql.recordProcessed(inventory, CONSUMER, messageId)) {
                    W1Sql.confirm(inventory, orderId, Instant.now());
                }
                inventory.commit();
            }
        }
    }

    private static void close(java.sql.Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after the run
            }
        }
    }
}
