package it.dev.mall.cart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cart over HTTP: lines, totals at current prices, changes; ordering it ({@code fromCart}) in the placing XA
 * transaction, which empties it only if the order commits; the Idempotency-Key replay after the cart is empty; and
 * paying the order through the mock gateway.
 */
class CartToOrderIT {

    private final Shop shop = new Shop();

    @Test
    void aCustomerFillsTheCartOrdersItAndPays() {
        Accounts.Account customer = Accounts.customer();
        long tea = shop.newSku(10, "4.50");
        long pot = shop.newSku(5, "12.00");

        JsonPath empty = cart(customer);
        assertThat(empty.getList("items")).isEmpty();
        assertThat(empty.getString("total")).isEqualTo("0.00");

        JsonPath one = put(customer, tea, 2);
        assertThat(one.getList("items.skuId", Long.class)).containsExactly(tea);
        assertThat(one.getInt("items[0].quantity")).isEqualTo(2);
        assertThat(one.getString("items[0].unitPrice")).isEqualTo("4.50");
        assertThat(one.getString("items[0].lineTotal")).isEqualTo("9.00");
        assertThat(one.getString("total")).isEqualTo("9.00");

        assertThat(put(customer, pot, 1).getString("total")).isEqualTo("21.00");
        JsonPath changed = put(customer, tea, 3);
        assertThat(changed.getList("items.skuId", Long.class)).as("in the order added").containsExactly(tea, pot);
        assertThat(changed.getString("items[0].lineTotal")).isEqualTo("13.50");
        assertThat(changed.getString("total")).isEqualTo("25.50");

        assertThat(put(customer, pot, 0).getList("items.skuId", Long.class)).as("0 removes").containsExactly(tea);
        put(customer, pot, 4);
        JsonPath deleted = Shop.as(customer).delete("/api/cart/items/" + pot).then().statusCode(200).extract().jsonPath();
        assertThat(deleted.getList("items.skuId", Long.class)).containsExactly(tea);
        assertThat(deleted.getString("total")).isEqualTo("13.50");
        Shop.as(customer).delete("/api/cart/items/" + pot).then().statusCode(200);
        assertThat(put(customer, pot, 2).getString("total")).isEqualTo("37.50");
        assertThat(cart(Accounts.customer()).getList("items")).as("another customer's cart").isEmpty();

        String key = Shop.newKey();
        Response placed = fromCart(customer, key);
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        long orderId = placed.jsonPath().getLong("id");
        assertThat(placed.jsonPath().getString("status")).isEqualTo("PENDING_PAYMENT");
        assertThat(placed.jsonPath().getString("total")).isEqualTo("37.50");
        assertThat(placed.jsonPath().getList("lines.skuId", Long.class)).containsExactlyInAnyOrder(tea, pot);
        assertThat(placed.jsonPath().getInt("lines.find { it.skuId == " + tea + " }.quantity")).isEqualTo(3);
        assertThat(placed.jsonPath().getString("lines.find { it.skuId == " + pot + " }.unitPrice")).isEqualTo("12.00");

        JsonPath afterwards = cart(customer);
        assertThat(afterwards.getList("items")).as("the order emptied the cart").isEmpty();
        assertThat(afterwards.getString("total")).isEqualTo("0.00");

        Response replay = fromCart(customer, key);
        assertThat(replay.statusCode()).as("the same key after the cart was emptied: " + replay.asString()).isIn(200, 201);
        assertThat(replay.jsonPath().getLong("id")).isEqualTo(orderId);
        Response reused = Shop.place(customer, key, tea, 1);
        assertThat(reused.statusCode()).as("the same key for items is another request").isEqualTo(422);

        Map<String, Object> audit = Shop.skuLine(shop.awaitCleanAudit(tea, pot), tea);
        assertThat(audit).containsEntry("reserved", 3).containsEntry("onHand", 10);

        Shop.pay(customer, orderId, "SUCCESS");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");
        JsonPath paid = shop.awaitCleanAudit(tea, pot);
        assertThat(Shop.skuLine(paid, tea)).containsEntry("sold", 3).containsEntry("reserved", 0).containsEntry("onHand", 7);
        assertThat(Shop.skuLine(paid, pot)).containsEntry("sold", 2).containsEntry("onHand", 3);
        assertThat(Shop.as(customer).get("/api/orders").jsonPath().getLong("total")).isEqualTo(1);
    }

    @Test
    void anEmptyCartIsNoOrder() {
        Accounts.Account customer = Accounts.customer();
        Response empty = fromCart(customer, Shop.newKey());
        assertThat(empty.statusCode()).as(empty.asString()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.jsonPath().getList("errors.field", String.class)).containsExactly("fromCart");
        assertThat(empty.jsonPath().getString("errors[0].message")).isEqualTo("the cart is empty");
        assertThat(Shop.as(customer).get("/api/orders").jsonPath().getLong("total")).isZero();
    }

    @Test
    void aFailedOrderLeavesTheCartAsItWas() {
        Accounts.Account customer = Accounts.customer();
        long scarce = shop.newSku(2, "7.00");
        long plenty = shop.newSku(20, "3.00");
        put(customer, plenty, 5);
        put(customer, scarce, 3);

        Response insufficient = fromCart(customer, Shop.newKey());
        assertThat(insufficient.statusCode()).as("more in the cart than in stock: " + insufficient.asString()).isEqualTo(409);
        assertThat(insufficient.jsonPath().getString("type")).endsWith("/insufficient-stock");
        assertThat(cart(customer).getList("items.skuId", Long.class)).containsExactlyInAnyOrder(plenty, scarce);

        put(customer, scarce, 2);
        // A fault after the cart lines were removed and the message sent: the whole XA transaction rolls back.
        Response failed = Shop.as(customer).header("X-Mall-Fault", "after-send").header("Idempotency-Key", Shop.newKey())
                .body(Map.of("fromCart", true)).post("/api/orders");
        assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(500);
        JsonPath kept = cart(customer);
        assertThat(kept.getList("items.skuId", Long.class)).containsExactlyInAnyOrder(plenty, scarce);
        assertThat(kept.getString("total")).isEqualTo("29.00");
        assertThat(Shop.as(customer).get("/api/orders").jsonPath().getLong("total")).isZero();
        assertThat(Shop.skuLine(shop.awaitCleanAudit(scarce, plenty), scarce)).containsEntry("reserved", 0);

        Response placed = fromCart(customer, Shop.newKey());
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        assertThat(placed.jsonPath().getString("total")).isEqualTo("29.00");
        assertThat(cart(customer).getList("items")).isEmpty();
    }

    @Test
    void badCartRequestsAreProblemsAndChangeNothing() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3, "2.00");
        put(customer, sku, 1);

        for (Object quantity : List.of(-1, 1001, "many")) {
            Response bad = Shop.as(customer).body(Map.of("quantity", quantity)).put("/api/cart/items/" + sku);
            assertThat(bad.statusCode()).as(quantity + ": " + bad.asString()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
        }
        Response missing = Shop.as(customer).body("{}").put("/api/cart/items/" + sku);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.jsonPath().getList("errors.field", String.class)).containsExactly("quantity");

        Response unknown = Shop.as(customer).body(Map.of("quantity", 1)).put("/api/cart/items/" + (Long.MAX_VALUE - 1));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        assertThat(put(customer, sku, 1000).getString("total")).as("more than in stock is allowed in a cart")
                .isEqualTo("2000.00");
        put(customer, sku, 1);

        Response both = Shop.as(customer).header("Idempotency-Key", Shop.newKey())
                .body(Map.of("fromCart", true, "items", List.of(Map.of("skuId", sku, "quantity", 1))))
                .post("/api/orders");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.jsonPath().getList("errors.field", String.class)).containsExactly("fromCart");

        Response noKey = Shop.as(customer).body(Map.of("fromCart", true)).post("/api/orders");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.jsonPath().getList("errors.field", String.class)).contains("Idempotency-Key");

        JsonPath unchanged = cart(customer);
        assertThat(unchanged.getList("items.skuId", Long.class)).containsExactly(sku);
        assertThat(unchanged.getInt("items[0].quantity")).isEqualTo(1);
        assertThat(Shop.as(customer).get("/api/orders").jsonPath().getLong("total")).isZero();

        Response anonymous = given().baseUri(TestServer.baseUri()).accept(ContentType.JSON).get("/api/cart");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    /**
     * 49 lines, then ten different new SKUs at once: exactly one fits, nine are 422 cart-full, the cart holds 50 lines;
     * a line already in the full cart may still change.
     */
    @Test
    void theLineLimitHoldsUnderConcurrentPuts() throws Exception {
        Accounts.Account customer = Accounts.customer();
        for (int line = 0; line < 49; line++) {
            put(customer, shop.newSku(1, "1.00"), 1);
        }
        List<Long> newSkus = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            newSkus.add(shop.newSku(1, "1.00"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(newSkus.size());
        Map<Long, Response> answers = new TreeMap<>();
        try {
            Map<Long, Future<Response>> puts = new TreeMap<>();
            for (long newSku : newSkus) {
                puts.put(newSku, pool.submit(() -> Shop.as(customer).body(Map.of("quantity", 1))
                        .put("/api/cart/items/" + newSku)));
            }
            for (Map.Entry<Long, Future<Response>> put : puts.entrySet()) {
                answers.put(put.getKey(), put.getValue().get(1, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> accepted = answers.entrySet().stream().filter(a -> a.getValue().statusCode() == 200)
                .map(Map.Entry::getKey).toList();
        assertThat(accepted).as("exactly one new line fits").hasSize(1);
        answers.values().stream().filter(a -> a.statusCode() != 200).forEach(refused -> {
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
            assertThat(refused.jsonPath().getString("type")).endsWith("/cart-full");
        });
        assertThat(cart(customer).getList("items")).hasSize(50);
        assertThat(put(customer, accepted.get(0), 2).getList("items")).hasSize(50);
    }

    private static JsonPath cart(Accounts.Account customer) {
        return Shop.as(customer).get("/api/cart").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath put(Accounts.Account customer, long sku, int quantity) {
        Response response = Shop.as(customer).body(Map.of("quantity", quantity)).put("/api/cart/items/" + sku);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private static Response fromCart(Accounts.Account customer, String key) {
        return Shop.as(customer).header("Idempotency-Key", key).body(Map.of("fromCart", true)).post("/api/orders");
    }
}
