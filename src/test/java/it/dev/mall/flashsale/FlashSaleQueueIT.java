package it.dev.mall.flashsale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Metrics;
import it.dev.mall.support.Shop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The flash sale at scale: sold-out markers that a restock clears through Redis pub/sub, queued purchases (tickets)
 * and the rate limits in front of the gate. Real Redis, databases and broker.
 */
class FlashSaleQueueIT {

    private final Shop shop = new Shop();
    private final ExecutorService pool = Executors.newFixedThreadPool(64);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aSoldOutMarkerAnswersTheCrowdAndACancelledOrderClearsIt() {
        long sku = shop.newSku(1);
        long sale = FlashSales.open(shop, sku, 1, 1);
        Accounts.Account winner = Accounts.customer();
        Response won = FlashSales.buy(winner, sale, 1);
        assertThat(won.statusCode()).as(won.asString()).isEqualTo(201);

        double byMarker = Metrics.counter("mall_flashsale_marker_sold_out_total");
        Accounts.Account late = Accounts.customer();
        for (int i = 0; i < 5; i++) {
            Response answer = FlashSales.buy(late, sale, 1);
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409);
            assertThat(answer.jsonPath().getString("type")).endsWith("sold-out");
        }
        assertThat(Metrics.counter("mall_flashsale_marker_sold_out_total") - byMarker)
                .as("sold-out answers that touched neither Redis nor a database").isGreaterThanOrEqualTo(4);

        Shop.as(winner).post("/api/orders/" + won.jsonPath().getLong("id") + "/cancel").then().statusCode(200);
        // The test server keeps markers for 60 s: only the restock notification can let the next buyer through now.
        await("the unit is sold again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> FlashSales.buy(late, sale, 1).statusCode() == 201);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1);
    }

    @Test
    void aRetryWithTheWinnersKeyGetsItsOrderFromASoldOutSale() {
        long sku = shop.newSku(1);
        long sale = FlashSales.open(shop, sku, 1, 1);
        Accounts.Account winner = Accounts.customer();
        String key = Shop.newKey();
        Response won = FlashSales.buy(winner, sale, 1, key);
        assertThat(won.statusCode()).as(won.asString()).isEqualTo(201);
        assertThat(FlashSales.buy(Accounts.customer(), sale, 1).statusCode()).isEqualTo(409);

        Response again = FlashSales.buy(winner, sale, 1, key);
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(again.jsonPath().getLong("id")).isEqualTo(won.jsonPath().getLong("id"));
        // A new purchase of the winner is sold out, like anyone's: this server's marker answers it before the token is
        // verified, and must not tell a forged token naming the winner that the winner bought (SoldOutAnswersIT).
        Response otherKey = FlashSales.buy(winner, sale, 1);
        assertThat(otherKey.statusCode()).as(otherKey.asString()).isEqualTo(409);
        assertThat(otherKey.jsonPath().getString("type")).endsWith("sold-out");
    }

    @Test
    void aQueuedPurchaseIsTicketedThenOrderedAndTheTicketIsOnlyItsBuyers() {
        long sku = shop.newSku(3);
        long sale = FlashSales.open(shop, sku, 3, 1, true);
        Accounts.Account buyer = Accounts.customer();
        String key = Shop.newKey();
        Response accepted = FlashSales.buy(buyer, sale, 1, key);
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        String ticket = accepted.jsonPath().getString("ticketId");
        assertThat(accepted.jsonPath().getString("status")).isEqualTo("QUEUED");
        assertThat(accepted.header("Location")).endsWith("/api/flash-sales/" + sale + "/tickets/" + ticket);

        JsonPath decided = awaitTicket(buyer, sale, ticket, "ORDERED");
        long orderId = decided.getLong("orderId");
        assertThat(Shop.order(buyer, orderId).getString("status")).isEqualTo("PENDING_PAYMENT");
        assertThat(Shop.order(buyer, orderId).getString("total")).isEqualTo("9.99");

        Response replay = FlashSales.buy(buyer, sale, 1, key);
        assertThat(replay.statusCode()).as(replay.asString()).isEqualTo(200);
        assertThat(replay.jsonPath().getLong("id")).as("the same key answers the order").isEqualTo(orderId);
        Shop.as(Accounts.customer()).get("/api/flash-sales/" + sale + "/tickets/" + ticket).then().statusCode(404);
        Shop.as(buyer).get("/api/flash-sales/" + sale + "/tickets/" + java.util.UUID.randomUUID()).then().statusCode(404);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1);
    }

    @Test
    void aQueuedPurchaseThatCannotBeOrderedFailsAndGivesItsUnitBackToTheGate() {
        long sku = shop.newSku(1);
        long sale = FlashSales.open(shop, sku, 1, 1, true);
        Accounts.Account first = Accounts.customer();
        Response accepted = FlashSales.buy(first, sale, 1);
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        awaitTicket(first, sale, accepted.jsonPath().getString("ticketId"), "ORDERED");

        // The gate believes in a unit the databases do not have (as after a lost give-back was double counted): the
        // buyer passes it, and the purchase must fail in the queue, not oversell.
        try (RedisClient redis = FlashSales.testRedis()) {
            redis.hincrBy("mall:flash:{" + sale + "}", "remaining", 1);
        }
        Accounts.Account second = Accounts.customer();
        String key = Shop.newKey();
        Response queued = FlashSales.buy(second, sale, 1, key);
        assertThat(queued.statusCode()).as(queued.asString()).isEqualTo(202);
        String ticket = queued.jsonPath().getString("ticketId");
        JsonPath failed = awaitTicket(second, sale, ticket, "FAILED");
        assertThat(failed.getString("reason")).isEqualTo("sold-out");
        await("the unit is back in the gate").atMost(Duration.ofSeconds(10)).until(() -> FlashSales.redisRemaining(sale) == 1);

        Response replay = FlashSales.buy(second, sale, 1, key);
        assertThat(replay.statusCode()).as(replay.asString()).isEqualTo(200);
        assertThat(replay.jsonPath().getString("ticketId")).isEqualTo(ticket);
        assertThat(replay.jsonPath().getString("status")).isEqualTo("FAILED");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1).containsEntry("onHand", 1);
    }

    @Test
    void aBurstOverTheCustomersRateLimitIsRefusedWith429AndReservesNothing() throws Exception {
        long sku = shop.newSku(5);
        long sale = FlashSales.open(shop, sku, 5, 5);
        Accounts.Account bot = Accounts.customer();
        int requests = 300;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            sent.add(pool.submit(() -> {
                start.await();
                return FlashSales.buy(bot, sale, 1);
            }));
        }
        start.countDown();
        Map<Integer, Integer> statuses = new HashMap<>();
        for (Future<Response> future : sent) {
            Response answer = future.get(3, TimeUnit.MINUTES);
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 429) {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.jsonPath().getString("type")).endsWith("rate-limited");
                assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
            } else {
                assertThat(answer.statusCode()).as(answer.asString()).isIn(201, 409, 422);
            }
        }
        assertThat(statuses.getOrDefault(429, 0)).as("refused: %s", statuses).isPositive();
        assertThat(statuses.getOrDefault(201, 0)).as("orders: %s", statuses).isEqualTo(5);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 5);
    }

    private static JsonPath awaitTicket(Accounts.Account buyer, long sale, String ticket, String status) {
        return await("ticket " + ticket + " " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Shop.as(buyer).get("/api/flash-sales/" + sale + "/tickets/" + ticket).then()
                        .statusCode(200).extract().jsonPath(), ticketJson -> status.equals(ticketJson.getString("status")));
    }
}
