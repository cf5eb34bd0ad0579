package it.dev.mall.ordering;

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
import org.junit.jupiter.api.Test;

/** Idempotency-Key: concurrent duplicates place one order and all get it; bad requests change nothing. */
class IdempotencyIT {

    private final Shop shop = new Shop();

    @Test
    void concurrentRequestsWithOneKeyPlaceOneOrder() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(10);
        String key = Shop.newKey();
        int copies = 12;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return Shop.place(customer, key, sku, 3);
                }));
            }
            start.countDown();
            List<Long> ids = new ArrayList<>();
            int created = 0;
            for (Future<Response> response : sent) {
                Response answer = response.get(1, TimeUnit.MINUTES);
                assertThat(answer.statusCode()).as(answer.asString()).isIn(200, 201);
                created += answer.statusCode() == 201 ? 1 : 0;
                ids.add(answer.jsonPath().getLong("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 3);
        assertThat(Shop.as(customer).get("/api/orders").jsonPath().getLong("total")).isEqualTo(1);

        Response reused = Shop.place(customer, key, sku, 4);
        assertThat(reused.statusCode()).as("same key, different order").isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theSameKeyOfAnotherCustomerIsAnotherOrder() {
        long sku = shop.newSku(2);
        String key = Shop.newKey();
        long first = Shop.place(Accounts.customer(), key, sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");
        long second = Shop.place(Accounts.customer(), key, sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void badOrdersAreRefusedWithProblemsAndChangeNothing() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3);
        Response noKey = Shop.as(customer).body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1))))
                .post("/api/orders");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.jsonPath().getList("errors.field")).contains("Idempotency-Key");

        Response zero = Shop.place(customer, Shop.newKey(), sku, 0);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.jsonPath().getList("errors.field")).contains("items[0].quantity");

        Response huge = Shop.place(customer, Shop.newKey(), sku, 1_000_000);
        assertThat(huge.statusCode()).isEqualTo(400);

        Response unknown = Shop.place(customer, Shop.newKey(), Long.MAX_VALUE - 1, 1);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.jsonPath().getList("errors.field")).contains("items.skuId");

        Response tooMany = Shop.place(customer, Shop.newKey(), sku, 4);
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(tooMany.jsonPath().getString("type")).endsWith("/insufficient-stock");

        Response summed = Shop.as(customer).header("Idempotency-Key", Shop.newKey())
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 2), Map.of("skuId", sku, "quantity", 2))))
                .post("/api/orders");
        assertThat(summed.statusCode()).as("the same SKU twice is checked as a sum").isEqualTo(409);

        Response noToken = io.restassured.RestAssured.given().baseUri(it.dev.mall.support.TestServer.baseUri())
                .contentType("application/json").header("Idempotency-Key", Shop.newKey())
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)))).post("/api/orders");
        assertThat(noToken.statusCode()).isEqualTo(401);

        assertThat(Shop.as(customer).get("/api/orders").jsonPath().getLong("total")).isZero();
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 0).containsEntry("onHand", 3);
    }
}
