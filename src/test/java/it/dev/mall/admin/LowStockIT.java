package it.dev.mall.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.EventsSubscriber;
import it.dev.mall.support.Shop;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Low-stock alerts: a threshold per SKU, a StockLow event on mall.stock-events once per crossing and only from a
 * transaction that commits (also when many buyers of a bucketed SKU cross it at once), the administrators' list of SKUs
 * at or below; bad input is problem+json and changes nothing.
 */
class LowStockIT {

    private final Shop shop = new Shop();

    private Response setThreshold(long sku, Object threshold) {
        return Shop.as(shop.admin()).body(Map.of("threshold", threshold))
                .put("/api/admin/skus/" + sku + "/low-stock-threshold");
    }

    private List<Long> lowSkus() {
        return Shop.as(shop.admin()).get("/api/admin/stock/low").then().statusCode(200).extract().jsonPath()
                .getList("items.skuId", Long.class);
    }

    private static long place(Accounts.Account customer, long sku, int quantity) {
        Response placed = Shop.place(customer, Shop.newKey(), sku, quantity);
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        return placed.jsonPath().getLong("id");
    }

    @Test
    void eachCrossingPublishesStockLowOnceAndARolledBackOneNothing() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(10);
        try (EventsSubscriber stockEvents = EventsSubscriber.stockOf(sku)) {
            Response set = setThreshold(sku, 4);
            assertThat(set.statusCode()).as(set.asString()).isEqualTo(200);
            assertThat(set.jsonPath().getLong("skuId")).isEqualTo(sku);
            assertThat(set.jsonPath().getInt("threshold")).isEqualTo(4);
            assertThat(set.jsonPath().getInt("available")).isEqualTo(10);
            assertThat(set.jsonPath().getBoolean("low")).isFalse();
            assertThat(lowSkus()).doesNotContain(sku);

            place(customer, sku, 5);
            Response rolledBack = Shop.place(Shop.as(customer).header("X-Mall-Fault", "after-reservation"),
                    Shop.newKey(), sku, 2);
            assertThat(rolledBack.statusCode()).as("the crossing order rolled back").isEqualTo(500);
            assertThat(stockEvents.next(1, Duration.ofSeconds(3))).as("above, and a rolled-back crossing").isEmpty();

            long crossing = place(customer, sku, 2);
            List<Message> low = stockEvents.nextMessages(1, Duration.ofSeconds(30));
            assertThat(low).hasSize(1);
            assertThat(low.get(0).getJMSType()).isEqualTo("StockLow");
            assertThat(low.get(0).getIntProperty("available")).isEqualTo(3);
            assertThat(low.get(0).getIntProperty("threshold")).isEqualTo(4);
            long below = place(customer, sku, 1);
            assertThat(lowSkus()).contains(sku);
            JsonPath listed = Shop.as(shop.admin()).get("/api/admin/stock/low").then().extract().jsonPath();
            assertThat(listed.getMap("items.find { it.skuId == " + sku + " }")).containsEntry("available", 2)
                    .containsEntry("threshold", 4).containsEntry("low", true);

            // Back above (the units of two cancelled orders), then down again by the administrator's count.
            Shop.as(customer).post("/api/orders/" + crossing + "/cancel").then().statusCode(200);
            Shop.as(customer).post("/api/orders/" + below + "/cancel").then().statusCode(200);
            assertThat(lowSkus()).doesNotContain(sku);
            Shop.as(shop.admin()).body(Map.of("onHand", 9)).put("/api/admin/skus/" + sku + "/stock").then()
                    .statusCode(200);
            assertThat(stockEvents.next(1, Duration.ofSeconds(30))).as("the second crossing")
                    .containsExactly("StockLow " + sku);
            assertThat(stockEvents.next(1, Duration.ofSeconds(3))).as("once").isEmpty();
            assertThat(lowSkus()).contains(sku);
        }
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("onHand", 9).containsEntry("reserved", 5);
    }

    @Test
    void buyersOfABucketedSkuCrossingAtOnceRaiseOneStockLow() throws Exception {
        int buyers = 16;
        long sku = shop.newSku(24);
        Shop.as(shop.admin()).body(Map.of("count", 4)).put("/api/admin/skus/" + sku + "/buckets").then().statusCode(200);
        setThreshold(sku, 12).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try (EventsSubscriber stockEvents = EventsSubscriber.stockOf(sku)) {
            List<Future<Accounts.Account>> registering = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                registering.add(pool.submit(Accounts::customer));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> orders = new ArrayList<>();
            for (Future<Accounts.Account> buyer : registering) {
                Accounts.Account account = buyer.get();
                orders.add(pool.submit(() -> {
                    start.await();
                    return Shop.place(account, Shop.newKey(), sku, 1).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> order : orders) {
                assertThat(order.get()).isEqualTo(201);
            }
            List<Message> low = stockEvents.nextMessages(2, Duration.ofSeconds(10));
            assertThat(low).as("one crossing, one StockLow").hasSize(1);
            assertThat(low.get(0).getIntProperty("available"))
                    .as("decided one after another: the buyer who took the 12th-last unit saw exactly 12").isEqualTo(12);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", buyers);
        assertThat(lowSkus()).contains(sku);
    }

    @Test
    void aNewThresholdAtOrAboveTheUnitsIsACrossingAndARemovedOneIsSilent() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(6);
        try (EventsSubscriber stockEvents = EventsSubscriber.stockOf(sku)) {
            assertThat(setThreshold(sku, 6).jsonPath().getBoolean("low")).isTrue();
            assertThat(stockEvents.next(1, Duration.ofSeconds(30))).containsExactly("StockLow " + sku);
            assertThat(setThreshold(sku, 7).statusCode()).isEqualTo(200);
            assertThat(stockEvents.next(1, Duration.ofSeconds(3))).as("still low: no new crossing").isEmpty();

            Shop.as(shop.admin()).delete("/api/admin/skus/" + sku + "/low-stock-threshold").then().statusCode(204);
            assertThat(Shop.as(shop.admin()).delete("/api/admin/skus/" + sku + "/low-stock-threshold").statusCode())
                    .isEqualTo(404);
            assertThat(lowSkus()).doesNotContain(sku);
            place(customer, sku, 3);
            assertThat(stockEvents.next(1, Duration.ofSeconds(3))).as("no threshold, no event").isEmpty();
        }
    }

    @Test
    void badThresholdsAreRefusedAndChangeNothing() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(5);
        setThreshold(sku, 2).then().statusCode(200);
        try (EventsSubscriber stockEvents = EventsSubscriber.stockOf(sku)) {
            for (Object invalid : List.<Object>of(-1, 1_000_001, "many")) {
                Response refused = setThreshold(sku, invalid);
                assertThat(refused.statusCode()).as(invalid + ": " + refused.asString()).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
            Response missing = Shop.as(shop.admin()).body(Map.of()).put("/api/admin/skus/" + sku + "/low-stock-threshold");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.jsonPath().getList("errors.field", String.class)).containsExactly("threshold");
            Response unknown = setThreshold(Long.MAX_VALUE - 1, 3);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("application/problem+json");
            for (Response forbidden : List.of(
                    Shop.as(customer).body(Map.of("threshold", 9)).put("/api/admin/skus/" + sku + "/low-stock-threshold"),
                    Shop.as(customer).get("/api/admin/stock/low"),
                    Shop.as(customer).delete("/api/admin/skus/" + sku + "/low-stock-threshold"))) {
                assertThat(forbidden.statusCode()).isEqualTo(403);
            }
            // Still 2: three units sold leave 2, which is the crossing the unchanged threshold sees.
            place(customer, sku, 2);
            assertThat(stockEvents.next(1, Duration.ofSeconds(3))).isEmpty();
            place(customer, sku, 1);
            assertThat(stockEvents.next(1, Duration.ofSeconds(30))).containsExactly("StockLow " + sku);
        }
    }
}
