package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Databases;
import it.dev.mall.support.Shop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Coupons: the discount taken in the order's transaction, given back when the order is cancelled or expires, kept when
 * it is paid (the payment is of the discounted total); the last coupon under a crowd goes to exactly one order and
 * the per-customer limit holds under one customer's concurrent orders; a coupon that does not apply is 422 and
 * places nothing. After each: the coupon's count = its REDEEMED redemptions = its live orders, and the stock audit
 * is clean.
 */
class CouponsIT {

    private final Shop shop = new Shop();

    private static String newCode() {
        return "IT-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
    }

    private String coupon(String kind, String value, Map<String, Object> rules) {
        String code = newCode();
        Map<String, Object> body = new HashMap<>(Map.of("code", code.toLowerCase(), "kind", kind, "value", value,
                "startsAt", Instant.now().minusSeconds(60).toString(),
                "endsAt", Instant.now().plus(Duration.ofHours(1)).toString()));
        body.putAll(rules);
        Response created = Shop.as(shop.admin()).body(body).post("/api/admin/coupons");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getString("code")).as("codes are upper-case").isEqualTo(code);
        assertThat(created.header("Location")).endsWith("/api/admin/coupons/" + code);
        return code;
    }

    private static Response place(Accounts.Account customer, long sku, int quantity, String code) {
        return place(Shop.as(customer), sku, quantity, code);
    }

    private static Response place(io.restassured.specification.RequestSpecification request, long sku, int quantity,
                                  String code) {
        return request.header("Idempotency-Key", Shop.newKey())
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", quantity)), "couponCode", code))
                .post("/api/orders");
    }

    private int redeemed(String code) {
        return Shop.as(shop.admin()).get("/api/admin/coupons/" + code).then().statusCode(200).extract().jsonPath()
                .getInt("redeemed");
    }

    /** The coupon's count = its REDEEMED redemptions = its orders that are neither cancelled nor expired. */
    private void assertCouponConsistent(String code, int expected) throws Exception {
        try (Connection orders = Databases.connect(Databases.ORDERS);
             PreparedStatement statement = orders.prepareStatement("SELECT c.redeemed,"
                     + " (SELECT COUNT(*) FROM coupon_redemption r WHERE r.coupon_id = c.id AND r.status = 'REDEEMED'),"
                     + " (SELECT COUNT(*) FROM customer_order o WHERE o.coupon_code = c.code"
                     + "  AND o.status NOT IN ('CANCELLED', 'EXPIRED'))"
                     + " FROM coupon c WHERE c.code = ?")) {
            statement.setString(1, code);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(List.of(row.getInt(1), row.getInt(2), row.getInt(3))).as("count, redemptions, live orders")
                        .containsOnly(expected);
            }
        }
        assertThat(redeemed(code)).isEqualTo(expected);
    }

    @Test
    void theDiscountIsPaidGivenBackOnCancelAndExpiryAndKeptOnPayment() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(10, "20.00");
        String code = coupon("PERCENT", "12.5", Map.of("minSpend", "30.00", "totalLimit", 2, "perCustomerLimit", 2));
        JsonPath fresh = Shop.as(shop.admin()).get("/api/admin/coupons/" + code.toLowerCase()).then().statusCode(200)
                .extract().jsonPath();
        assertThat(fresh.getString("kind")).isEqualTo("PERCENT");
        assertThat(fresh.getString("value")).isEqualTo("12.50");
        assertThat(fresh.getString("minSpend")).isEqualTo("30.00");
        assertThat(fresh.getInt("redeemed")).isZero();

        Response paid = place(customer, sku, 2, code.toLowerCase());
        assertThat(paid.statusCode()).as(paid.asString()).isEqualTo(201);
        assertThat(paid.jsonPath().getString("subtotal")).isEqualTo("40.00");
        assertThat(paid.jsonPath().getString("discount")).isEqualTo("5.00");
        assertThat(paid.jsonPath().getString("total")).isEqualTo("35.00");
        assertThat(paid.jsonPath().getString("couponCode")).isEqualTo(code);
        long paidOrder = paid.jsonPath().getLong("id");
        Response opened = Shop.openPayment(customer, paidOrder);
        assertThat(opened.jsonPath().getString("checkoutUrl")).as("the discounted total is charged")
                .contains("amount=35.00");
        Shop.submitCheckout(opened.jsonPath().getString("checkoutUrl"), "SUCCESS").then().statusCode(200);
        Shop.awaitStatus(customer, paidOrder, Duration.ofSeconds(30), "PAID");

        long cancelled = place(customer, sku, 2, code).then().statusCode(201).extract().jsonPath().getLong("id");
        assertCouponConsistent(code, 2);
        Response exhausted = place(Accounts.customer(), sku, 2, code);
        assertProblem(exhausted, 422, "coupon-invalid");
        Shop.as(customer).post("/api/orders/" + cancelled + "/cancel").then().statusCode(200);
        assertCouponConsistent(code, 1);

        long expiring = place(Shop.as(customer).header("X-Mall-Reservation-Timeout", "PT2S"), sku, 2, code)
                .then().statusCode(201).extract().jsonPath().getLong("id");
        assertCouponConsistent(code, 2);
        Shop.awaitStatus(customer, expiring, Duration.ofSeconds(30), "EXPIRED");
        assertCouponConsistent(code, 1);
        assertThat(Shop.status(customer, paidOrder)).isEqualTo("PAID");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("sold", 2).containsEntry("reserved", 0);
    }

    @Test
    void aCouponThatDoesNotApplyIsRefusedAndPlacesNothing() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(10, "5.00");
        String minSpend = coupon("AMOUNT", "2.00", Map.of("minSpend", "15.00"));
        String once = coupon("AMOUNT", "2.00", Map.of("perCustomerLimit", 1));
        Map<String, Object> later = new HashMap<>(Map.of("code", newCode(), "kind", "AMOUNT", "value", "1.00",
                "startsAt", Instant.now().plus(Duration.ofHours(1)).toString(),
                "endsAt", Instant.now().plus(Duration.ofHours(2)).toString()));
        Shop.as(shop.admin()).body(later).post("/api/admin/coupons").then().statusCode(201);
        place(customer, sku, 1, once).then().statusCode(201);

        for (String code : List.of(newCode(), minSpend, once, (String) later.get("code"))) {
            assertProblem(place(customer, sku, 2, code), 422, "coupon-invalid");
        }
        assertThat(Shop.as(customer).get("/api/orders").jsonPath().getLong("total")).as("only the first order")
                .isEqualTo(1);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1);
        assertCouponConsistent(minSpend, 0);
        assertCouponConsistent(once, 1);
        assertThat(place(customer, sku, 3, minSpend).jsonPath().getString("total")).as("15.00 reaches minSpend")
                .isEqualTo("13.00");
        assertCouponConsistent(minSpend, 1);

        Response badCode = place(customer, sku, 1, "no spaces");
        assertProblem(badCode, 400, "validation");
        assertThat(badCode.jsonPath().getList("errors.field", String.class)).containsExactly("couponCode");
    }

    @Test
    void badCouponsAreRefusedAndTheCodeIsTakenOnce() {
        String code = coupon("AMOUNT", "3.00", Map.of());
        Map<String, Object> valid = Map.of("code", newCode(), "kind", "AMOUNT", "value", "3.00",
                "startsAt", Instant.now().toString(), "endsAt", Instant.now().plusSeconds(60).toString());
        for (Map.Entry<String, Object> invalid : List.<Map.Entry<String, Object>>of(Map.entry("kind", "HALF"),
                Map.entry("value", "0"), Map.entry("value", "1.234"), Map.entry("code", "a b"),
                Map.entry("totalLimit", 0), Map.entry("perCustomerLimit", -1), Map.entry("minSpend", "-1"),
                Map.entry("endsAt", Instant.now().minusSeconds(60).toString()))) {
            Map<String, Object> body = new HashMap<>(valid);
            body.put(invalid.getKey(), invalid.getValue());
            Response refused = Shop.as(shop.admin()).body(body).post("/api/admin/coupons");
            assertProblem(refused, 400, "validation");
            assertThat(refused.jsonPath().getList("errors.field", String.class)).as(invalid.toString())
                    .containsExactly(invalid.getKey());
        }
        Map<String, Object> percent = new HashMap<>(valid);
        percent.put("kind", "PERCENT");
        percent.put("value", "100.01");
        assertProblem(Shop.as(shop.admin()).body(percent).post("/api/admin/coupons"), 400, "validation");
        Map<String, Object> taken = new HashMap<>(valid);
        taken.put("code", code);
        assertProblem(Shop.as(shop.admin()).body(taken).post("/api/admin/coupons"), 409, "coupon-code-taken");
        assertThat(Shop.as(shop.admin()).get("/api/admin/coupons/" + valid.get("code")).statusCode())
                .as("nothing created").isEqualTo(404);
        assertThat(Shop.as(Accounts.customer()).body(valid).post("/api/admin/coupons").statusCode()).isEqualTo(403);
    }

    @Test
    void theLastCouponUnderACrowdIsRedeemedExactlyOnce() throws Exception {
        int crowd = 12;
        long sku = shop.newSku(crowd, "8.00");
        String code = coupon("AMOUNT", "3.00", Map.of("totalLimit", 1));
        List<Accounts.Account> buyers = new ArrayList<>();
        for (int i = 0; i < crowd; i++) {
            buyers.add(Accounts.customer());
        }
        List<Integer> answers = atOnce(buyers.stream().<Callable<Integer>>map(buyer ->
                () -> place(buyer, sku, 1, code).statusCode()).toList());
        assertThat(answers.stream().filter(status -> status == 201).count()).as(answers.toString()).isEqualTo(1);
        assertThat(answers).as("every other buyer 422").containsOnly(201, 422);
        assertCouponConsistent(code, 1);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1);
    }

    @Test
    void thePerCustomerLimitHoldsUnderOneCustomersConcurrentOrders() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(20, "8.00");
        String code = coupon("PERCENT", "50", Map.of("perCustomerLimit", 2));
        List<Callable<Integer>> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(() -> place(customer, sku, 1, code).statusCode());
        }
        List<Integer> answers = atOnce(orders);
        assertThat(answers.stream().filter(status -> status == 201).count()).as(answers.toString()).isEqualTo(2);
        assertThat(answers).containsOnly(201, 422);
        assertCouponConsistent(code, 2);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 2);
    }

    private static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertProblem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/" + slug);
    }
}
