package it.dev.mall.flashsale;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/** Flash-sale calls for the ITs of this package. */
final class FlashSales {

    private FlashSales() {
    }

    /** A sale open from a minute ago for ten minutes, placing its orders in the request. */
    static long open(Shop shop, long skuId, int units, int limit) {
        return open(shop, skuId, units, limit, false);
    }

    /** A sale open from a minute ago for ten minutes; {@code queued}: buyers get tickets, orders come from the queue. */
    static long open(Shop shop, long skuId, int units, int limit, boolean queued) {
        Response created = Shop.as(shop.admin()).body(Map.of("skuId", skuId, "quantity", units,
                        "perCustomerLimit", limit, "price", "9.99",
                        "startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString(),
                        "endsAt", Instant.now().plus(10, ChronoUnit.MINUTES).toString(), "queued", queued))
                .post("/api/admin/flash-sales");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.jsonPath().getLong("id");
    }

    static Response buy(Accounts.Account customer, long saleId, int quantity) {
        return buy(customer, saleId, quantity, Shop.newKey());
    }

    static Response buy(Accounts.Account customer, long saleId, int quantity, String key) {
        return Shop.as(customer).header("Idempotency-Key", key).body(Map.of("quantity", quantity))
                .post("/api/flash-sales/" + saleId + "/orders");
    }

    static long remaining(long saleId) {
        return io.restassured.RestAssured.given().baseUri(it.dev.mall.support.TestServer.baseUri())
                .get("/api/flash-sales/" + saleId).then().statusCode(200).extract().jsonPath().getLong("remaining");
    }

    static List<Accounts.Account> customers(ExecutorService pool, int count) throws Exception {
        List<Future<Accounts.Account>> registering = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            registering.add(pool.submit(Accounts::customer));
        }
        List<Accounts.Account> customers = new ArrayList<>();
        for (Future<Accounts.Account> account : registering) {
            customers.add(account.get(3, TimeUnit.MINUTES));
        }
        return customers;
    }

    /** The gate's remaining units in the test Redis, -1 if the sale is not loaded. */
    static long redisRemaining(long sale) {
        try (RedisClient redis = testRedis()) {
            String value = redis.hget("mall:flash:{" + sale + "}", "remaining");
            return value == null ? -1 : Long.parseLong(value);
        }
    }

    static RedisClient testRedis() {
        java.net.URI uri = java.net.URI.create(System.getenv().getOrDefault("MALL_REDIS_URL", "redis://127.0.0.1:6390"));
        return RedisClient.builder().hostAndPort(uri.getHost(), uri.getPort()).build();
    }
}
