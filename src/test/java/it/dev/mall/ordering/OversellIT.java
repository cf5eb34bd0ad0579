package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Metrics;
import it.dev.mall.support.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core promise: k units and 50+ buyers arriving at once, each wanting one unit. Exactly k orders succeed, every
 * other buyer gets 409 (never 500), and the audit shows the stock row and the reservations agree. Repeated for many
 * rounds with k in {1, 3, 5}, each round on a fresh SKU.
 */
class OversellIT {

    private static final Logger LOG = Logger.getLogger(OversellIT.class.getName());
    private static final int BUYERS = 50;
    private static final int ROUNDS = 21;

    private final Shop shop = new Shop();
    private ExecutorService pool;
    private List<Accounts.Account> buyers;

    @BeforeEach
    void buyers() throws Exception {
        pool = Executors.newFixedThreadPool(BUYERS);
        List<Future<Accounts.Account>> registering = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            registering.add(pool.submit(Accounts::customer));
        }
        buyers = new ArrayList<>();
        for (Future<Accounts.Account> account : registering) {
            buyers.add(account.get(2, TimeUnit.MINUTES));
        }
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void exactlyKOfFiftyConcurrentBuyersGetAUnitRoundAfterRound() throws Exception {
        int[] ks = {1, 3, 5};
        double retriesBefore = Metrics.counter("mall_stock_optimistic_retries_total");
        double refusalsBefore = Metrics.counter("mall_stock_contention_refusals_total");
        for (int round = 0; round < ROUNDS; round++) {
            int k = ks[round % ks.length];
            long sku = shop.newSku(k);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> attempts = new ArrayList<>();
            for (Accounts.Account buyer : buyers) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return Shop.place(buyer, Shop.newKey(), sku, 1);
                }));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<Response> attempt : attempts) {
                Response response = attempt.get(2, TimeUnit.MINUTES);
                if (response.statusCode() == 201) {
                    created++;
                } else {
                    assertThat(response.statusCode()).as(response.asString()).isEqualTo(409);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    refused++;
                }
            }
            assertThat(created).as("round %d: orders for %d units", round, k).isEqualTo(k);
            assertThat(refused).isEqualTo(BUYERS - k);

            var audit = shop.awaitCleanAudit(sku);
            Map<String, Object> line = Shop.skuLine(audit, sku);
            assertThat(line).containsEntry("onHand", k).containsEntry("reserved", k).containsEntry("drift", 0);
            assertThat(((Number) line.get("reservedFromReservations")).intValue()).isEqualTo(k);
            assertThat(audit.getInt("ordersChecked")).isEqualTo(k);
            LOG.info(() -> "oversell round: " + k + " units, " + BUYERS + " buyers: " + k + " orders, audit clean");
        }
        double retries = Metrics.counter("mall_stock_optimistic_retries_total") - retriesBefore;
        double refusals = Metrics.counter("mall_stock_contention_refusals_total") - refusalsBefore;
        LOG.info(() -> ROUNDS + " oversell rounds passed; optimistic-lock retries " + retries
                + ", refusals after the last retry " + refusals);
    }
}
