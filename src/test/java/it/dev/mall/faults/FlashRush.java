package it.dev.mall.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flash sale under a rush of buyers, one thread per buyer: each buys one unit at a time with a fresh key until the
 * sale answers sold out or the buyer ran out of attempts; some pay, the others let the order expire within seconds
 * and so give the unit back. Bounded by the attempts per buyer.
 */
final class FlashRush {

    private static final int ATTEMPTS_PER_BUYER = 10;

    private final Cluster cluster;
    private final ShopApi api;
    private final Ledger ledger;
    private final long saleId;
    private final long skuId;
    private final List<Thread> buyers = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    FlashRush(Cluster cluster, ShopApi api, Ledger ledger, long saleId, long skuId) {
        this.cluster = cluster;
        this.api = api;
        this.ledger = ledger;
        this.saleId = saleId;
        this.skuId = skuId;
    }

    void start(String round, List<Customers.Customer> customers) {
        for (Customers.Customer customer : customers) {
            Thread buyer = new Thread(() -> buy(round, customer), "flash-" + customer.id());
            buyer.setDaemon(true);
            buyers.add(buyer);
            buyer.start();
        }
    }

    long saleId() {
        return saleId;
    }

    int created() {
        return created.get();
    }

    /** Requests answered in any way (or failed): progress of the rush, whatever Redis is doing. */
    int answered() {
        return answered.get();
    }

    /** Requests the shop decided (2xx, or 4xx such as sold out): not failed, not an error of the server. */
    int served() {
        return served.get();
    }

    void join() {
        for (Thread buyer : buyers) {
            try {
                buyer.join(ShopApi.REQUEST_TIMEOUT.multipliedBy(ATTEMPTS_PER_BUYER + 1L).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        buyers.clear();
    }

    private void buy(String round, Customers.Customer customer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS_PER_BUYER; attempt++) {
            Cluster.Route route = cluster.route();
            String key = "flash-" + UUID.randomUUID();
            Instant sent = Instant.now();
            Answer answer = api.buyFlash(route.baseUri(), customer.token(), key, saleId, 1,
                    Duration.ofSeconds(random.nextLong(4, 10)));
            answered.incrementAndGet();
            if (answer.status() >= 200 && answer.status() < 500) {
                served.incrementAndGet();
            }
            Ledger.Placement placement = ledger.placed(round, route.via(), customer, key, Map.of(skuId, 1), saleId, answer, sent,
                    false);
            if (placement.orderId() != null) {
                created.incrementAndGet();
                if (random.nextBoolean()) {
                    ledger.paid(round, placement.orderId(), true,
                            api.pay(cluster.route().baseUri(), customer.token(), placement.orderId(), true));
                }
            } else if (answer.status() == 409 && answer.body().contains("sold-out")) {
                return;
            }
            try {
                // Think time: buyers come back after a moment, when expired orders may have freed units again.
                TimeUnit.MILLISECONDS.sleep(random.nextLong(100, 600));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
