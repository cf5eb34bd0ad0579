package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Databases;
import it.dev.mall.support.OrderEventsSubscriber;
import it.dev.mall.support.Shop;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Returns with restock: a customer returns units of a shipped order (no more than were shipped and not yet claimed),
 * an administrator approves — the lines' amount less their share of the coupon refunded through the provider and,
 * with restock, the units back on hand, one transaction — or rejects; two approvals at once refund once; bad requests
 * are problem+json and change nothing; the stock audit stays clean.
 */
class ReturnsIT {

    private final Shop shop = new Shop();

    private record Shipped(Accounts.Account customer, long orderId, long paymentId) {
    }

    /** An order of {@code lines} (SKU → units), with {@code coupon} (or null), paid and shipped. */
    private Shipped shipped(Map<Long, Integer> lines, String coupon) {
        Accounts.Account customer = Accounts.customer();
        List<Map<String, Object>> items = new ArrayList<>();
        lines.forEach((sku, units) -> items.add(Map.of("skuId", sku, "quantity", units)));
        Map<String, Object> body = coupon == null ? Map.of("items", items) : Map.of("items", items, "couponCode", coupon);
        Response placed = Shop.as(customer).header("Idempotency-Key", Shop.newKey()).body(body).post("/api/orders");
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        long orderId = placed.jsonPath().getLong("id");
        long paymentId = Shop.pay(customer, orderId, "SUCCESS");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");
        Shop.ship(shop.admin(), orderId, "DHL", Shop.newTrackingNumber()).then().statusCode(200);
        return new Shipped(customer, orderId, paymentId);
    }

    private static Response requestReturn(Accounts.Account customer, long orderId, Map<Long, Integer> lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        lines.forEach((sku, units) -> items.add(Map.of("skuId", sku, "quantity", units)));
        return Shop.as(customer).body(Map.of("lines", items, "reason", "does not fit"))
                .post("/api/orders/" + orderId + "/returns");
    }

    private Response approve(long returnId, boolean restock) {
        return Shop.as(shop.admin()).body(Map.of("restock", restock)).post("/api/admin/returns/" + returnId + "/approve");
    }

    private static BigDecimal refunded(long paymentId) throws Exception {
        try (Connection connection = Databases.connect(Databases.ORDERS);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT refunded_amount FROM payment WHERE id = ?")) {
            statement.setLong(1, paymentId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBigDecimal(1);
            }
        }
    }

    private static int refundsOfReturn(long returnId) throws Exception {
        try (Connection connection = Databases.connect(Databases.ORDERS);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM payment_refund WHERE refund_key = ?")) {
            statement.setString(1, "return-" + returnId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private int onHand(long sku) {
        return (Integer) Shop.skuLine(shop.awaitCleanAudit(sku), sku).get("onHand");
    }

    @Test
    void approvedReturnsRefundTheirLinesNetOfTheCouponAndRestockWhenAsked() throws Exception {
        long tea = shop.newSku(5, "10.00");
        long pot = shop.newSku(5, "30.00");
        String coupon = "RT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Shop.as(shop.admin()).body(Map.of("code", coupon, "kind", "AMOUNT", "value", "8.00",
                "startsAt", Instant.now().minusSeconds(60).toString(),
                "endsAt", Instant.now().plusSeconds(3600).toString())).post("/api/admin/coupons").then().statusCode(201);
        Shipped order = shipped(Map.of(tea, 2, pot, 1), coupon); // 50.00 - 8.00 = 42.00 paid
        try (OrderEventsSubscriber events = new OrderEventsSubscriber(order.customer().id())) {
            Response first = requestReturn(order.customer(), order.orderId(), Map.of(tea, 1));
            assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
            assertThat(first.jsonPath().getString("status")).isEqualTo("REQUESTED");
            assertThat(first.jsonPath().getString("amount")).as("10.00 x 42/50").isEqualTo("8.40");
            long firstId = first.jsonPath().getLong("returnId");
            JsonPath listed = Shop.as(order.customer()).get("/api/orders/" + order.orderId() + "/returns").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(listed.getList("returnId", Long.class)).containsExactly(firstId);

            Response approved = approve(firstId, true);
            assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
            assertThat(approved.jsonPath().getString("status")).isEqualTo("REFUNDED");
            assertThat(approved.jsonPath().getBoolean("restocked")).isTrue();
            assertThat(refunded(order.paymentId())).isEqualByComparingTo("8.40");
            assertThat(onHand(tea)).as("5 - 2 sold + 1 back").isEqualTo(4);
            assertThat(onHand(pot)).isEqualTo(4);

            Response rest = requestReturn(order.customer(), order.orderId(), Map.of(tea, 1, pot, 1));
            assertThat(rest.statusCode()).as(rest.asString()).isEqualTo(201);
            assertThat(rest.jsonPath().getString("amount")).as("8.40 + 25.20").isEqualTo("33.60");
            long restId = rest.jsonPath().getLong("returnId");
            assertThat(approve(restId, false).jsonPath().getBoolean("restocked")).isFalse();
            assertThat(refunded(order.paymentId())).as("everything paid, back").isEqualByComparingTo("42.00");
            assertThat(onHand(tea)).as("not restocked").isEqualTo(4);
            assertThat(onHand(pot)).isEqualTo(4);

            Response nothingLeft = requestReturn(order.customer(), order.orderId(), Map.of(tea, 1));
            assertThat(nothingLeft.statusCode()).as(nothingLeft.asString()).isEqualTo(400);
            assertThat(nothingLeft.jsonPath().getList("errors.message", String.class).get(0)).contains("at most 0");
            assertThat(events.next(4, Duration.ofSeconds(30))).containsExactly("ReturnRequested " + order.orderId(),
                    "ReturnRefunded " + order.orderId(), "ReturnRequested " + order.orderId(),
                    "ReturnRefunded " + order.orderId());
        }
        assertThat(Shop.status(order.customer(), order.orderId())).as("the order stays shipped").isEqualTo("SHIPPED");
        assertThat(shop.awaitCleanAudit(tea, pot).getBoolean("ok")).isTrue();
    }

    @Test
    void twoApprovalsAtOnceRefundAndRestockOnce() throws Exception {
        long sku = shop.newSku(6, "7.00");
        Shipped order = shipped(Map.of(sku, 3), null);
        long returnId = requestReturn(order.customer(), order.orderId(), Map.of(sku, 2)).then().statusCode(201)
                .extract().jsonPath().getLong("returnId");
        int approvals = 6;
        ExecutorService pool = Executors.newFixedThreadPool(approvals);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < approvals; i++) {
                boolean restock = i % 2 == 0;
                answers.add(pool.submit(() -> {
                    start.await();
                    return approve(returnId, restock);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Boolean restocked = null;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 200) {
                    restocked = response.jsonPath().getBoolean("restocked");
                } else {
                    assertThat(response.jsonPath().getString("type")).endsWith("/return-state");
                }
            }
            assertThat(statuses.stream().filter(status -> status == 200).count()).as(statuses.toString()).isEqualTo(1);
            assertThat(statuses).containsOnly(200, 409);
            assertThat(refundsOfReturn(returnId)).isEqualTo(1);
            assertThat(refunded(order.paymentId())).isEqualByComparingTo("14.00");
            assertThat(onHand(sku)).as("restocked once, or not at all").isEqualTo(Boolean.TRUE.equals(restocked) ? 5 : 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badReturnsAreRefusedAndChangeNothing() throws Exception {
        long sku = shop.newSku(6, "4.00");
        long other = shop.newSku(1);
        Accounts.Account customer = Accounts.customer();
        long unpaid = Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath()
                .getLong("id");
        assertProblem(requestReturn(customer, unpaid, Map.of(sku, 1)), 409, "order-state");
        Shipped order = shipped(Map.of(sku, 2), null);

        assertProblem(requestReturn(Accounts.customer(), order.orderId(), Map.of(sku, 1)), 404, "not-found");
        assertProblem(requestReturn(order.customer(), order.orderId(), Map.of(other, 1)), 400, "validation");
        assertProblem(requestReturn(order.customer(), order.orderId(), Map.of(sku, 3)), 400, "validation");
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("lines", List.of(), "reason", "x"),
                Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 0)), "reason", "x"),
                Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 1)), "reason", " "),
                Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 1))))) {
            assertProblem(Shop.as(order.customer()).body(body).post("/api/orders/" + order.orderId() + "/returns"),
                    400, "validation");
        }
        assertThat(Shop.as(order.customer()).get("/api/orders/" + order.orderId() + "/returns").jsonPath()
                .getList("$")).as("nothing requested").isEmpty();

        long returnId = requestReturn(order.customer(), order.orderId(), Map.of(sku, 2)).then().statusCode(201)
                .extract().jsonPath().getLong("returnId");
        assertProblem(requestReturn(order.customer(), order.orderId(), Map.of(sku, 1)), 400, "validation");
        assertThat(Shop.as(order.customer()).body(Map.of("restock", true))
                .post("/api/admin/returns/" + returnId + "/approve").statusCode()).isEqualTo(403);
        assertProblem(Shop.as(shop.admin()).body(Map.of()).post("/api/admin/returns/" + returnId + "/approve"),
                400, "validation");
        Response rejected = Shop.as(shop.admin()).post("/api/admin/returns/" + returnId + "/reject");
        assertThat(rejected.statusCode()).as(rejected.asString()).isEqualTo(200);
        assertThat(rejected.jsonPath().getString("status")).isEqualTo("REJECTED");
        assertProblem(Shop.as(shop.admin()).post("/api/admin/returns/" + returnId + "/reject"), 409, "return-state");
        assertProblem(approve(returnId, true), 409, "return-state");
        assertProblem(approve(Long.MAX_VALUE - 1, true), 404, "not-found");
        assertThat(refunded(order.paymentId())).as("nothing refunded").isEqualByComparingTo("0.00");
        assertThat(onHand(sku)).isEqualTo(4);

        assertThat(requestReturn(order.customer(), order.orderId(), Map.of(sku, 2)).statusCode())
                .as("a rejected return claims nothing").isEqualTo(201);
    }

    private static void assertProblem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/" + slug);
    }
}
