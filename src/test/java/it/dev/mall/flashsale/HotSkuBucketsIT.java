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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hot SKU split into stock buckets: concurrent buyers spread over the rows, totals stay exact. */
class HotSkuBucketsIT {

    private final Shop shop = new Shop();
    private final ExecutorService pool = Executors.newFixedThreadPool(60);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aBucketedSkuSellsExactlyItsUnitsToConcurrentBuyers() throws Exception {
        long sku = shop.newSku(40);
        Response split = Shop.as(shop.admin()).body(Map.of("count", 4)).put("/api/admin/skus/" + sku + "/buckets");
        assertThat(split.statusCode()).as(split.asString()).isEqualTo(200);
        assertThat(split.jsonPath().getInt("buckets")).isEqualTo(4);
        assertThat(split.jsonPath().getInt("onHand")).isEqualTo(40);

        List<Accounts.Account> buyers = FlashSales.customers(pool, 60);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        for (Accounts.Account buyer : buyers) {
            sent.add(pool.submit(() -> {
                start.await();
                return Shop.place(buyer, Shop.newKey(), sku, 1);
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<Response> future : sent) {
            Response answer = future.get(3, TimeUnit.MINUTES);
            assertThat(answer.statusCode()).as(answer.asString()).isIn(201, 409);
            created += answer.statusCode() == 201 ? 1 : 0;
        }
        assertThat(created).isEqualTo(40);
        var line = Shop.skuLine(shop.awaitCleanAudit(sku), sku);
        assertThat(line).containsEntry("onHand", 40).containsEntry("reserved", 40).containsEntry("rowsOutOfStep", 0);

        Response join = Shop.as(shop.admin()).body(Map.of("count", 1)).put("/api/admin/skus/" + sku + "/buckets");
        assertThat(join.statusCode()).as("buckets holding unpaid orders cannot go").isEqualTo(409);
        Response more = Shop.as(shop.admin()).body(Map.of("onHand", 50)).put("/api/admin/skus/" + sku + "/stock");
        assertThat(more.statusCode()).isEqualTo(200);
        assertThat(more.jsonPath().getInt("available")).isEqualTo(10);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("onHand", 50).containsEntry("rowsOutOfStep", 0);
    }
}
