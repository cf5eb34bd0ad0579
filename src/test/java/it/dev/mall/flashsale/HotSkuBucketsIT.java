package it.dev.mall.flashsale;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hot SKU, its stock in one row or split into buckets: concurrent buyers are never refused while it has units
 * (no 409 stock-contention), get exactly its units when there are fewer than they want, and the totals stay exact.
 */
class HotSkuBucketsIT {

    private static final int BUYERS = 60;

    private final Shop shop = new Shop();
    private final ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
    private List<Accounts.Account> buyers;

    @BeforeEach
    void buyers() throws Exception {
        buyers = FlashSales.customers(pool, BUYERS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @ParameterizedTest(name = "{0} stock row(s)")
    @ValueSource(ints = {1, 8})
    void everyConcurrentBuyerGetsAnOrderWhileTheSkuHasUnits(int buckets) throws Exception {
        List<Integer> quantities = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            quantities.add(ThreadLocalRandom.current().nextInt(1, 4));
        }
        int wanted = quantities.stream().mapToInt(Integer::intValue).sum();
        // A little more than everybody wants together: near the end buckets run low and some buyers must wait for
        // a row, take it from another bucket, or split their quantity - and still none may be refused.
        int units = wanted + ThreadLocalRandom.current().nextInt(0, 4);
        long sku = skuIn(units, buckets);

        List<Response> answers = placeAtOnce(sku, quantities);

        for (Response answer : answers) {
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(201);
        }
        var line = Shop.skuLine(shop.awaitCleanAudit(sku), sku);
        assertThat(line).containsEntry("onHand", units).containsEntry("reserved", wanted).containsEntry("drift", 0)
                .containsEntry("rowsOutOfStep", 0);
    }

    @ParameterizedTest(name = "{0} stock row(s)")
    @ValueSource(ints = {1, 4})
    void exactlyTheUnitsAreSoldAndEveryOtherBuyerIsToldTheyAreGone(int buckets) throws Exception {
        int units = ThreadLocalRandom.current().nextInt(15, 30);
        long sku = skuIn(units, buckets);

        List<Response> answers = placeAtOnce(sku, java.util.Collections.nCopies(BUYERS, 1));

        int created = 0;
        for (Response answer : answers) {
            if (answer.statusCode() == 201) {
                created++;
            } else {
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409);
                assertThat(answer.jsonPath().getString("type")).as(answer.asString()).endsWith("/insufficient-stock");
            }
        }
        assertThat(created).isEqualTo(units);
        var line = Shop.skuLine(shop.awaitCleanAudit(sku), sku);
        assertThat(line).containsEntry("onHand", units).containsEntry("reserved", units).containsEntry("drift", 0)
                .containsEntry("rowsOutOfStep", 0);
    }

    @Test
    void bucketsHoldingUnpaidOrdersStayAndNewStockSpreadsOverThem() throws Exception {
        long sku = skuIn(40, 4);
        List<Response> answers = placeAtOnce(sku, java.util.Collections.nCopies(BUYERS, 1));
        assertThat(answers.stream().filter(a -> a.statusCode() == 201).count()).isEqualTo(40);

        Response join = Shop.as(shop.admin()).body(Map.of("count", 1)).put("/api/admin/skus/" + sku + "/buckets");
        assertThat(join.statusCode()).as("buckets holding unpaid orders cannot go").isEqualTo(409);
        Response more = Shop.as(shop.admin()).body(Map.of("onHand", 50)).put("/api/admin/skus/" + sku + "/stock");
        assertThat(more.statusCode()).isEqualTo(200);
        assertThat(more.jsonPath().getInt("available")).isEqualTo(10);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("onHand", 50).containsEntry("rowsOutOfStep", 0);
    }

    private long skuIn(int units, int buckets) {
        long sku = shop.newSku(units);
        if (buckets > 1) {
            Response split = Shop.as(shop.admin()).body(Map.of("count", buckets)).put("/api/admin/skus/" + sku + "/buckets");
            assertThat(split.statusCode()).as(split.asString()).isEqualTo(200);
            assertThat(split.jsonPath().getInt("buckets")).isEqualTo(buckets);
            assertThat(split.jsonPath().getInt("onHand")).isEqualTo(units);
        }
        return sku;
    }

    /** Buyer i orders {@code quantities[i]} units of the SKU; all requests are released at the same moment. */
    private List<Response> placeAtOnce(long sku, List<Integer> quantities) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            Accounts.Account buyer = buyers.get(i);
            int quantity = quantities.get(i);
            sent.add(pool.submit(() -> {
                start.await();
                return Shop.place(buyer, Shop.newKey(), sku, quantity);
            }));
        }
        start.countDown();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> future : sent) {
            answers.add(future.get(3, TimeUnit.MINUTES));
        }
        return answers;
    }
}
