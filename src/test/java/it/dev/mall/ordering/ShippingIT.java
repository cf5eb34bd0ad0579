package it.dev.mall.ordering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.OrderEventsSubscriber;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
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
 * Shipping to completion: the address given when the order is placed, ship with carrier and tracking number, and the
 * delivery — by an administrator or by the carrier's signed callback, which names a parcel, never an order — reaching
 * COMPLETED once, each fact on mall.order-events; bad input is problem+json and changes nothing.
 */
class ShippingIT {

    private static final String CARRIER_SECRET = "MALL_CARRIER_SECRET";

    private final Shop shop = new Shop();

    private static Map<String, Object> address() {
        Map<String, Object> address = new HashMap<>(Map.of("name", "  Ann Example ", "line1", "1 Tea Street",
                "city", "Leeds", "postalCode", "LS1 4AP", "country", "GB"));
        address.put("line2", "Flat " + UUID.randomUUID().toString().substring(0, 6));
        return address;
    }

    private static Response place(Accounts.Account customer, String key, long sku, int quantity,
                                  Map<String, Object> address) {
        return Shop.as(customer).header("Idempotency-Key", key)
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", quantity)), "shippingAddress", address))
                .post("/api/orders");
    }

    private long paidOrder(Accounts.Account customer, long sku, int quantity) {
        long orderId = place(customer, Shop.newKey(), sku, quantity, address()).then().statusCode(201).extract()
                .jsonPath().getLong("id");
        Shop.pay(customer, orderId, "SUCCESS");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");
        return orderId;
    }

    private static Response carrierCallback(String body, String signature) {
        var request = given().baseUri(TestServer.baseUri()).contentType(ContentType.JSON).body(body);
        if (signature != null) {
            request = request.header("X-Mall-Signature", signature);
        }
        return request.post("/api/shipping/callback");
    }

    private static String delivered(String carrier, String trackingNumber) {
        return "{\"carrier\":\"" + carrier + "\",\"trackingNumber\":\"" + trackingNumber + "\",\"status\":\"DELIVERED\"}";
    }

    private static void assertProblem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/" + slug);
    }

    @Test
    void anOrderGoesToItsAddressShipsAndIsDeliveredAndEachFactIsPublishedOnce() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(5, "4.00");
        Map<String, Object> address = address();
        try (OrderEventsSubscriber subscriber = new OrderEventsSubscriber(customer.id())) {
            Response placed = place(customer, Shop.newKey(), sku, 2, address);
            assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
            long orderId = placed.jsonPath().getLong("id");
            assertThat(placed.jsonPath().getMap("shippingAddress")).containsEntry("name", "Ann Example")
                    .containsEntry("line1", "1 Tea Street").containsEntry("line2", address.get("line2"))
                    .containsEntry("city", "Leeds").containsEntry("postalCode", "LS1 4AP").containsEntry("country", "GB");
            assertThat(placed.jsonPath().getMap("shipment")).as("not shipped yet").isNull();

            Shop.pay(customer, orderId, "SUCCESS");
            Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");
            String tracking = Shop.newTrackingNumber();
            Response shipped = Shop.ship(shop.admin(), orderId, "DHL Express", tracking);
            assertThat(shipped.statusCode()).as(shipped.asString()).isEqualTo(200);
            assertThat(shipped.jsonPath().getString("status")).isEqualTo("SHIPPED");
            assertThat(shipped.jsonPath().getString("shipment.carrier")).isEqualTo("DHL Express");
            assertThat(shipped.jsonPath().getString("shipment.trackingNumber")).isEqualTo(tracking);
            assertThat(shipped.jsonPath().getString("shipment.shippedAt")).isNotNull();
            assertThat(shipped.jsonPath().getString("shipment.deliveredAt")).isNull();
            assertThat(Shop.order(customer, orderId).getString("shipment.trackingNumber")).as("the customer sees it")
                    .isEqualTo(tracking);

            Response completed = Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/deliver");
            assertThat(completed.statusCode()).as(completed.asString()).isEqualTo(200);
            assertThat(completed.jsonPath().getString("status")).isEqualTo("COMPLETED");
            Instant deliveredAt = Instant.parse(completed.jsonPath().getString("shipment.deliveredAt"));
            assertThat(deliveredAt).isAfterOrEqualTo(Instant.parse(completed.jsonPath().getString("shipment.shippedAt")));
            assertThat(completed.jsonPath().getMap("shippingAddress")).containsEntry("city", "Leeds");

            assertProblem(Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/deliver"), 409, "order-state");
            assertProblem(Shop.ship(shop.admin(), orderId, "DHL", Shop.newTrackingNumber()), 409, "order-state");
            assertProblem(Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/refund"), 409, "order-state");
            JsonPath after = Shop.order(customer, orderId);
            assertThat(after.getString("status")).isEqualTo("COMPLETED");
            assertThat(after.getString("shipment.trackingNumber")).as("the refused ship changed nothing")
                    .isEqualTo(tracking);

            List<Message> events = subscriber.nextMessages(3, Duration.ofSeconds(30));
            assertThat(describe(events)).containsExactly("OrderPaid " + orderId, "OrderShipped " + orderId,
                    "OrderDelivered " + orderId);
            assertThat(events.get(1).getStringProperty("carrier")).isEqualTo("DHL Express");
            assertThat(events.get(1).getStringProperty("trackingNumber")).isEqualTo(tracking);
            assertThat(subscriber.next(1, Duration.ofSeconds(2))).as("nothing more").isEmpty();
        }
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("sold", 2).containsEntry("reserved", 0)
                .containsEntry("onHand", 3);
    }

    @Test
    void theCarriersSignedCallbackCompletesTheOrderOfItsParcelOnlyAndOnce() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3);
        long orderId = paidOrder(customer, sku, 1);
        String tracking = Shop.newTrackingNumber();
        assertProblem(carrierCallback(delivered("UPS", tracking), Shop.sign(delivered("UPS", tracking), CARRIER_SECRET)),
                404, "not-found");
        Shop.ship(shop.admin(), orderId, "UPS", tracking).then().statusCode(200);

        String body = delivered("UPS", tracking);
        assertProblem(carrierCallback(body, null), 401, "bad-signature");
        assertProblem(carrierCallback(body, Shop.sign(body)), 401, "bad-signature"); // the payment provider's key
        assertProblem(carrierCallback(body, Shop.sign(delivered("UPS", Shop.newTrackingNumber()), CARRIER_SECRET)),
                401, "bad-signature");
        assertProblem(carrierCallback(delivered("DHL", tracking), Shop.sign(delivered("DHL", tracking), CARRIER_SECRET)),
                404, "not-found"); // another carrier's parcel of the same number
        String inTransit = body.replace("DELIVERED", "IN_TRANSIT");
        assertProblem(carrierCallback(inTransit, Shop.sign(inTransit, CARRIER_SECRET)), 400, "validation");
        String notJson = "{\"carrier\":";
        assertProblem(carrierCallback(notJson, Shop.sign(notJson, CARRIER_SECRET)), 400, "malformed-json");
        assertThat(Shop.status(customer, orderId)).as("nothing changed").isEqualTo("SHIPPED");

        Response applied = carrierCallback(body, Shop.sign(body, CARRIER_SECRET));
        assertThat(applied.statusCode()).as(applied.asString()).isEqualTo(200);
        assertThat(applied.jsonPath().getLong("orderId")).isEqualTo(orderId);
        assertThat(applied.jsonPath().getBoolean("applied")).isTrue();
        JsonPath order = Shop.order(customer, orderId);
        assertThat(order.getString("status")).isEqualTo("COMPLETED");
        assertThat(order.getString("shipment.deliveredAt")).isNotNull();

        Response repeated = carrierCallback(body, Shop.sign(body, CARRIER_SECRET));
        assertThat(repeated.statusCode()).as(repeated.asString()).isEqualTo(200);
        assertThat(repeated.jsonPath().getBoolean("applied")).as("a carrier's retry changes nothing").isFalse();
        assertThat(Shop.order(customer, orderId).getString("shipment.deliveredAt"))
                .isEqualTo(order.getString("shipment.deliveredAt"));
        assertThat(shop.awaitCleanAudit(sku).getBoolean("ok")).isTrue();
    }

    @Test
    void badAddressesAreRefusedNamingTheFieldAndPlaceNothing() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(4);
        Map<String, Object> lowerCaseCountry = address();
        lowerCaseCountry.put("country", "gb");
        Map<String, Object> longCountry = address();
        longCountry.put("country", "GBR");
        Map<String, Object> noCountry = address();
        noCountry.remove("country");
        Map<String, Object> badPostalCode = address();
        badPostalCode.put("postalCode", "LS1;DROP");
        Map<String, Object> blankName = address();
        blankName.put("name", "   ");
        Map<String, Object> lineBreak = address();
        lineBreak.put("line1", "1 Tea Street\nX-Injected: yes");
        Map<String, Object> longCity = address();
        longCity.put("city", "L".repeat(101));
        List<Map.Entry<String, Map<String, Object>>> invalid = List.of(
                Map.entry("shippingAddress.country", lowerCaseCountry), Map.entry("shippingAddress.country", longCountry),
                Map.entry("shippingAddress.country", noCountry), Map.entry("shippingAddress.postalCode", badPostalCode),
                Map.entry("shippingAddress.name", blankName), Map.entry("shippingAddress.line1", lineBreak),
                Map.entry("shippingAddress.city", longCity));
        String key = Shop.newKey();
        for (Map.Entry<String, Map<String, Object>> refusedAddress : invalid) {
            Response refused = place(customer, key, sku, 1, refusedAddress.getValue());
            assertProblem(refused, 400, "validation");
            assertThat(refused.jsonPath().getList("errors.field", String.class)).as(refusedAddress.toString())
                    .containsExactly(refusedAddress.getKey());
        }
        assertThat(Shop.as(customer).get("/api/orders").then().statusCode(200).extract().jsonPath().getLong("total"))
                .as("nothing placed").isZero();
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 0);

        Map<String, Object> address = address();
        Response placed = place(customer, key, sku, 1, address);
        assertThat(placed.statusCode()).as("the refused requests did not use the key").isEqualTo(201);
        assertThat(place(customer, key, sku, 1, address).statusCode()).as("the same request again").isEqualTo(200);
        Map<String, Object> elsewhere = new HashMap<>(address);
        elsewhere.put("city", "York");
        assertProblem(place(customer, key, sku, 1, elsewhere), 422, "idempotency-key-reused");
        assertProblem(Shop.place(customer, key, sku, 1), 422, "idempotency-key-reused");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1);
    }

    @Test
    void badShipmentsAreRefusedAndChangeNothing() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(4);
        long shippedOrder = paidOrder(customer, sku, 1);
        long paidOrder = paidOrder(customer, sku, 1);
        String tracking = Shop.newTrackingNumber();
        Shop.ship(shop.admin(), shippedOrder, "GLS", tracking).then().statusCode(200);

        Response noBody = Shop.as(shop.admin()).post("/api/admin/orders/" + paidOrder + "/ship");
        assertThat(noBody.statusCode()).as(noBody.asString()).isEqualTo(400);
        assertThat(noBody.contentType()).startsWith("application/problem+json");
        assertProblem(Shop.as(shop.admin()).body(Map.of("carrier", "GLS"))
                .post("/api/admin/orders/" + paidOrder + "/ship"), 400, "validation");
        for (Map<String, String> body : List.of(Map.of("carrier", "GLS", "trackingNumber", "abc"),
                Map.of("carrier", "GLS", "trackingNumber", "AB CD 12"),
                Map.of("carrier", "", "trackingNumber", Shop.newTrackingNumber()),
                Map.of("carrier", "GLS\u0000", "trackingNumber", Shop.newTrackingNumber()))) {
            Response refused = Shop.as(shop.admin()).body(body).post("/api/admin/orders/" + paidOrder + "/ship");
            assertProblem(refused, 400, "validation");
        }
        assertProblem(Shop.ship(shop.admin(), paidOrder, "GLS", tracking), 409, "tracking-number-in-use");
        assertProblem(Shop.ship(shop.admin(), paidOrder, "gls", tracking.toLowerCase()), 409, "tracking-number-in-use");
        assertProblem(Shop.as(shop.admin()).post("/api/admin/orders/" + paidOrder + "/deliver"), 409, "order-state");
        assertProblem(Shop.as(shop.admin()).post("/api/admin/orders/" + (Long.MAX_VALUE - 1) + "/deliver"), 404,
                "not-found");
        JsonPath unchanged = Shop.order(customer, paidOrder);
        assertThat(unchanged.getString("status")).isEqualTo("PAID");
        assertThat(unchanged.getMap("shipment")).isNull();

        assertThat(Shop.ship(shop.admin(), paidOrder, "GLS", Shop.newTrackingNumber()).statusCode())
                .as("another parcel ships it").isEqualTo(200);
        assertThat(shop.awaitCleanAudit(sku).getBoolean("ok")).isTrue();
    }

    @Test
    void theAdministratorAndTheCarrierDeliveringAtOnceCompleteTheOrderOnce() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(2);
        try (OrderEventsSubscriber subscriber = new OrderEventsSubscriber(customer.id())) {
            long orderId = paidOrder(customer, sku, 1);
            String tracking = Shop.newTrackingNumber();
            Shop.ship(shop.admin(), orderId, "DPD", tracking).then().statusCode(200);
            String body = delivered("DPD", tracking);
            String signature = Shop.sign(body, CARRIER_SECRET);

            int each = 4;
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<String>> deliveries = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                deliveries.add(() -> {
                    start.await();
                    Response response = Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/deliver");
                    return "admin " + response.statusCode();
                });
                deliveries.add(() -> {
                    start.await();
                    Response response = carrierCallback(body, signature);
                    return "carrier " + response.statusCode()
                            + (response.statusCode() == 200 ? " " + response.jsonPath().getBoolean("applied") : "");
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
            List<String> outcomes = new ArrayList<>();
            try {
                List<Future<String>> futures = deliveries.stream().map(pool::submit).toList();
                start.countDown();
                for (Future<String> future : futures) {
                    outcomes.add(future.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(outcomes).as("every answer").allMatch(outcome -> outcome.equals("admin 200")
                    || outcome.equals("admin 409") || outcome.equals("carrier 200 true")
                    || outcome.equals("carrier 200 false"));
            assertThat(outcomes.stream().filter(o -> o.equals("admin 200") || o.equals("carrier 200 true")).count())
                    .as("exactly one delivery applied: " + outcomes).isEqualTo(1);
            assertThat(Shop.status(customer, orderId)).isEqualTo("COMPLETED");
            assertThat(subscriber.next(3, Duration.ofSeconds(30))).containsExactly("OrderPaid " + orderId,
                    "OrderShipped " + orderId, "OrderDelivered " + orderId);
            assertThat(subscriber.next(1, Duration.ofSeconds(2))).as("one OrderDelivered").isEmpty();
        }
        assertThat(shop.awaitCleanAudit(sku).getBoolean("ok")).isTrue();
    }

    private static List<String> describe(List<Message> events) throws JMSException {
        List<String> described = new ArrayList<>();
        for (Message event : events) {
            described.add(event.getJMSType() + " " + event.getLongProperty("orderId"));
        }
        return described;
    }
}
