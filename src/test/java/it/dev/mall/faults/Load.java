package it.dev.mall.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded background load of a round: a few client threads that place orders of one or two SKUs, then pay
 * (mostly successfully), cancel, or leave them to expire, each with a reservation of a few seconds so that expiry
 * runs all the time. Every request and its answer go to the {@link Ledger}. Bounded by threads and by the round:
 * {@link #stop()} ends it.
 */
final class Load {

    /**
     * Clients in parallel, each pausing a little between requests: enough to keep transactions in flight at any
     * moment of a kill (a few orders a second), light enough that a server restarting beside it on a two-core machine
     * is not starved.
     */
    static final int CLIENTS = 4;

    private final Cluster cluster;
    private final ShopApi api;
    private final Customers customers;
    private final List<Long> skus;
    private final Ledger ledger;
    private final String coupon;
    private final Duration minReservation;
    private final Duration maxReservation;
    private final List<Thread> clients = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean running;
    private volatile String round;

    Load(Cluster cluster, ShopApi api, Customers customers, List<Long> skus, String coupon, Ledger ledger,
         Duration minReservation, Duration maxReservation) {
        this.coupon = coupon;
        this.cluster = cluster;
        this.api = api;
        this.customers = customers;
        this.skus = List.copyOf(skus);
        this.ledger = ledger;
        this.minReservation = minReservation;
        this.maxReservation = maxReservation;
    }

    void start(String roundName) {
        this.round = roundName;
        this.running = true;
        created.set(0);
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(this::run, "load-" + roundName + "-" + i);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
    }

    /** Waits until the clients got {@code count} more orders created since the round started. */
    void awaitCreated(int count, Duration atMost) {
        await(round + ": " + count + " orders created").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> created.get() >= count);
    }

    int created() {
        return created.get();
    }

    void stop() {
        running = false;
        for (Thread client : clients) {
            try {
                // A request in flight ends within the request timeout.
                client.join(ShopApi.REQUEST_TIMEOUT.multipliedBy(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clients.clear();
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            Customers.Customer customer = customers.random();
            Cluster.Route route = cluster.route();
            Map<Long, Integer> lines = new HashMap<>();
            int skuCount = random.nextInt(1, 3);
            while (lines.size() < skuCount) {
                lines.put(skus.get(random.nextInt(skus.size())), random.nextInt(1, 4));
            }
            String key = (random.nextInt(3) == 0 ? COUPON_KEY : "faults-") + UUID.randomUUID();
            Duration reservation = Duration.ofSeconds(random.nextLong(minReservation.toSeconds(),
                    maxReservation.toSeconds() + 1));
            Instant sent = Instant.now();
            Answer answer = api.placeOrder(route.baseUri(), customer.token(), key, lines, couponOf(key, coupon),
                    reservation, null);
            Ledger.Placement placement = ledger.placed(round, route.via(), customer, key, lines, null, answer, sent, false);
            if (placement.orderId() != null) {
                created.incrementAndGet();
                followUp(customer, placement, random);
            }
            pause(random);
        }
    }

    /** What the customer does next with a created order: replay, pay, cancel, or nothing (it will expire). */
    private void followUp(Customers.Customer customer, Ledger.Placement placement, ThreadLocalRandom random) {
        long orderId = placement.orderId();
        if (random.nextDouble() < 0.1) {
            // A client retrying the same request (e.g. after a lost answer): the same order, never a second one.
            Answer replay = api.placeOrder(cluster.route().baseUri(), customer.token(), placement.key(),
                    placement.lines(), couponOf(placement.key(), coupon), null, null);
            ledger.replayed(round, orderId, replay);
        }
        double next = random.nextDouble();
        if (next < 0.45) {
            boolean succeed = random.nextDouble() < 0.9;
            ledger.paid(round, orderId, succeed, api.pay(cluster.route().baseUri(), customer.token(), orderId, succeed));
        } else if (next < 0.65) {
            ledger.cancelled(round, orderId, api.cancel(cluster.route().baseUri(), customer.token(), orderId));
        }
    }

    /** The keys of the load's orders that carry the campaign's coupon (about a third; its redemptions are invariant 9). */
    private static final String COUPON_KEY = "faults-coupon-";

    /**
     * The coupon the placement of {@code key} carried, so that any replay of it (the load's, or the invariants' replay
     * of an ambiguous placement) is the same request: {@code coupon} for the load's coupon keys, else none.
     */
    static String couponOf(String key, String coupon) {
        return key.startsWith(COUPON_KEY) ? coupon : null;
    }

    /** Think time between a client's requests: load shaping, not synchronisation. */
    private void pause(ThreadLocalRandom random) {
        try {
            TimeUnit.MILLISECONDS.sleep(random.nextLong(100, 300));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
