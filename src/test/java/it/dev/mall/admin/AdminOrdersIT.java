package it.dev.mall.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Databases;
import it.dev.mall.support.OrderEventsSubscriber;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Administrators list every customer's orders, ship paid ones and refund them; nobody else may. */
class AdminOrdersIT {

    private final Shop shop = new Shop();

    @Test
    void onlyAdministratorsMayUseTheOrderAdministration() {
        Accounts.Account customer = Accounts.customer();
        long orderId = paidOrder(customer, shop.newSku(2), 1);
        for (Response response : List.of(
                Shop.as(customer).get("/api/admin/orders"),
                Shop.as(customer).get("/api/admin/orders/" + orderId),
                Shop.ship(customer, orderId, "DHL", Shop.newTrackingNumber()),
                Shop.as(customer).post("/api/admin/orders/" + orderId + "/deliver"),
                Shop.as(customer).post("/api/admin/orders/" + orderId + "/refund"))) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        for (Response response : List.of(
                anonymous().get("/api/admin/orders"),
                anonymous().contentType(ContentType.JSON).body(Map.of("carrier", "DHL",
                        "trackingNumber", Shop.newTrackingNumber())).post("/api/admin/orders/" + orderId + "/ship"),
                anonymous().post("/api/admin/orders/" + orderId + "/deliver"),
                anonymous().post("/api/admin/orders/" + orderId + "/refund"))) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(Shop.status(customer, orderId)).as("nothing changed").isEqualTo("PAID");
    }

    @Test
    void aPaidOrderShipsOnceAndEachFactIsPublished() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3, "6.00");
        paidThen(customer, sku, 2, "OrderShipped", orderId -> shipOnce(customer, sku, orderId));
    }

    @Test
    void v1sShipWithoutABodyStillShipsAndDeliverCompletesTheOrder() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3, "6.00");
        paidThen(customer, sku, 1, "OrderShipped", orderId -> {
            // As a v1 client sends it: no body, no Content-Type.
            Response shipped = given().baseUri(TestServer.baseUri()).header("Authorization", shop.admin().bearer())
                    .accept(ContentType.JSON).post("/api/admin/orders/" + orderId + "/ship");
            assertThat(shipped.statusCode()).as(shipped.asString()).isEqualTo(200);
            assertThat(shipped.jsonPath().getString("status")).isEqualTo("SHIPPED");
            assertThat(shipped.jsonPath().getMap("shipment")).as("shipped without a parcel").isNull();
        });
        long orderId = Shop.as(customer).get("/api/orders").jsonPath().getLong("items[0].id");
        Response delivered = Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/deliver");
        assertThat(delivered.statusCode()).as(delivered.asString()).isEqualTo(200);
        assertThat(Shop.status(customer, orderId)).isEqualTo("COMPLETED");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("sold", 1);
    }

    interface OrderStep {
        void apply(long orderId) throws Exception;
    }

    /**
     * Pays an order, applies {@code step} to it, and checks what a subscriber of mall.order-events got: OrderPaid,
     * then {@code fact}, each once (the step's refused second attempt publishes nothing).
     */
    private void paidThen(Accounts.Account customer, long sku, int units, String fact, OrderStep step) throws Exception {
        try (OrderEventsSubscriber subscriber = new OrderEventsSubscriber(customer.id())) {
            long orderId = paidOrder(customer, sku, units);
            step.apply(orderId);
            assertThat(subscriber.next(2, Duration.ofSeconds(30))).as(fact + " after OrderPaid")
                    .containsExactly("OrderPaid " + orderId, fact + " " + orderId);
            assertThat(subscriber.next(1, Duration.ofSeconds(2))).as("nothing more").isEmpty();
        }
    }

    private void shipOnce(Accounts.Account customer, long sku, long orderId) {
        Response shipped = Shop.ship(shop.admin(), orderId, "DHL", Shop.newTrackingNumber());
        assertThat(shipped.statusCode()).as(shipped.asString()).isEqualTo(200);
        assertThat(shipped.jsonPath().getString("status")).isEqualTo("SHIPPED");
        assertThat(shipped.jsonPath().getLong("customerId")).isEqualTo(customer.id());
        assertThat(shipped.jsonPath().getString("total")).isEqualTo("12.00");
        assertThat(Shop.status(customer, orderId)).isEqualTo("SHIPPED");

        Response again = Shop.ship(shop.admin(), orderId, "DHL", Shop.newTrackingNumber());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/refund").statusCode())
                .as("a shipped order is not refunded").isEqualTo(409);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("sold", 2).containsEntry("onHand", 1);
    }

    @Test
    void anUnpaidOrderNeitherShipsNorIsRefunded() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3);
        long orderId = Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");

        Response ship = Shop.ship(shop.admin(), orderId, "DHL", Shop.newTrackingNumber());
        assertThat(ship.statusCode()).as(ship.asString()).isEqualTo(409);
        assertThat(ship.jsonPath().getString("type")).endsWith("/order-state");
        assertThat(Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/refund").statusCode()).isEqualTo(409);
        assertThat(Shop.status(customer, orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1);

        assertThat(Shop.ship(shop.admin(), Long.MAX_VALUE - 1, "DHL", Shop.newTrackingNumber()).statusCode())
                .isEqualTo(404);
        assertThat(Shop.as(shop.admin()).post("/api/admin/orders/" + (Long.MAX_VALUE - 1) + "/refund").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRefundMarksOrderAndPaymentRefundedAndTheSoldUnitsStaySoldAndIsPublished() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(4, "9.90");
        paidThen(customer, sku, 3, "OrderRefunded", orderId -> refundOnce(customer, sku, orderId));
    }

    private void refundOnce(Accounts.Account customer, long sku, long orderId) throws Exception {
        long paymentId = Shop.order(customer, orderId).getLong("paymentId");

        Response refunded = Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/refund");
        assertThat(refunded.statusCode()).as(refunded.asString()).isEqualTo(200);
        assertThat(refunded.jsonPath().getString("status")).isEqualTo("REFUNDED");
        assertThat(Shop.status(customer, orderId)).isEqualTo("REFUNDED");
        assertThat(paymentStatus(paymentId)).isEqualTo("REFUNDED");

        JsonPath audit = shop.awaitCleanAudit(sku);
        assertThat(audit.getBoolean("ok")).isTrue();
        assertThat(audit.getList("orderMismatches")).isEmpty();
        assertThat(Shop.skuLine(audit, sku)).containsEntry("sold", 3).containsEntry("reserved", 0)
                .containsEntry("onHand", 1);

        assertThat(Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/refund").statusCode())
                .as("the same refund again answers the refunded order").isEqualTo(200);
        assertThat(Shop.ship(shop.admin(), orderId, "DHL", Shop.newTrackingNumber()).statusCode()).isEqualTo(409);
        assertThat(paymentStatus(paymentId)).isEqualTo("REFUNDED");
    }

    @Test
    void theListShowsEveryCustomersOrdersNewestFirstAndFiltersByStatus() {
        Accounts.Account ann = Accounts.customer();
        Accounts.Account bob = Accounts.customer();
        long sku = shop.newSku(10);
        long annsOrder = Shop.place(ann, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");
        long bobsOrder = paidOrder(bob, sku, 2);

        JsonPath all = list(Map.of("size", 100));
        assertThat(all.getList("items.id", Long.class)).contains(annsOrder, bobsOrder);
        List<Instant> created = all.getList("items.createdAt", String.class).stream().map(Instant::parse).toList();
        assertThat(created).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(all.getLong("items.find { it.id == " + bobsOrder + " }.customerId")).isEqualTo(bob.id());
        assertThat(all.getLong("total")).isGreaterThanOrEqualTo(2);

        JsonPath paid = list(Map.of("status", "PAID", "size", 100));
        assertThat(paid.getList("items.id", Long.class)).contains(bobsOrder).doesNotContain(annsOrder);
        assertThat(paid.getList("items.status", String.class)).containsOnly("PAID");

        JsonPath firstOfOne = list(Map.of("size", 1));
        assertThat(firstOfOne.getList("items")).hasSize(1);
        assertThat(firstOfOne.getInt("size")).isEqualTo(1);
        assertThat(firstOfOne.getLong("total")).as("the total counts all pages").isGreaterThanOrEqualTo(2);

        JsonPath one = Shop.as(shop.admin()).get("/api/admin/orders/" + annsOrder).then().statusCode(200)
                .extract().jsonPath();
        assertThat(one.getLong("customerId")).isEqualTo(ann.id());
        assertThat(one.getString("status")).isEqualTo("PENDING_PAYMENT");
        assertThat(one.getList("lines.skuId", Long.class)).containsExactly(sku);

        for (Map<String, Object> invalid : List.of(Map.<String, Object>of("status", "SOLD"), Map.<String, Object>of("size", 0),
                Map.<String, Object>of("size", 101), Map.<String, Object>of("page", "x"))) {
            Response response = Shop.as(shop.admin()).queryParams(invalid).get("/api/admin/orders");
            assertThat(response.statusCode()).as(invalid + ": " + response.asString()).isEqualTo(400);
            assertThat(response.jsonPath().getList("errors.field", String.class))
                    .containsExactly(invalid.keySet().iterator().next());
        }
    }

    /** Places and pays an order through the provider's checkout page; returns its id once it is PAID. */
    private static long paidOrder(Accounts.Account customer, long sku, int quantity) {
        long orderId = Shop.place(customer, Shop.newKey(), sku, quantity).then().statusCode(201).extract().jsonPath()
                .getLong("id");
        Shop.pay(customer, orderId, "SUCCESS");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");
        return orderId;
    }

    private JsonPath list(Map<String, ?> parameters) {
        Response response = Shop.as(shop.admin()).queryParams(parameters).get("/api/admin/orders");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private static RequestSpecification anonymous() {
        return given().baseUri(TestServer.baseUri()).accept(ContentType.JSON);
    }

    private static String paymentStatus(long paymentId) throws Exception {
        try (Connection connection = Databases.connect(Databases.ORDERS);
             PreparedStatement statement = connection.prepareStatement("SELECT status FROM payment WHERE id = ?")) {
            statement.setLong(1, paymentId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
