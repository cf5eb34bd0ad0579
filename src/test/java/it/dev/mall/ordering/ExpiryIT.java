package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Configured;
import it.dev.mall.support.Databases;
import it.dev.mall.support.Metrics;
import it.dev.mall.support.Shop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An unpaid order holds its stock for the reservation timeout (here 3 s through the test server's
 * X-Mall-Reservation-Timeout) and then the ReservationExpiry MDB expires it and gives the units back: not before.
 */
class ExpiryIT {

    private final Shop shop = new Shop();

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /**
     * The latest an unpaid order may expire, as the configuration promises it: should its ReservationExpiry not come,
     * the safety-net sweep expires it once it is overdue by the grace, at its next run (defaults as SafetyNetSweep's).
     */
    private static final Duration LATEST_AFTER_EXPIRY = Configured.sweepGrace(Duration.ofSeconds(30))
            .plus(Configured.sweepInterval(Duration.ofSeconds(30)).multipliedBy(2));

    @Test
    void anUnpaidOrderExpiresAfterItsTimeoutAndItsStockComesBack() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(4);
        Instant sent = Instant.now();
        Response placed = Shop.place(Shop.as(customer).header("X-Mall-Reservation-Timeout", TIMEOUT.toString()),
                Shop.newKey(), sku, 3);
        Instant answered = Instant.now();
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        long orderId = placed.jsonPath().getLong("id");
        Instant expiresAt = Instant.parse(placed.jsonPath().getString("expiresAt"));
        // The server reads its clock between our two readings of the same clock, and rounds up to a whole second
        // (ReservationPolicy.expiresAt: what the database keeps).
        assertThat(expiresAt).as("the order's timeout is the one asked for")
                .isBetween(sent.plus(TIMEOUT), answered.plus(TIMEOUT).plusSeconds(1));
        assertThat(Shop.skuLine(shop.audit(sku), sku)).containsEntry("reserved", 3);

        List<Instant> pendingSeen = new ArrayList<>();
        String status;
        Instant observed;
        do {
            observed = Instant.now();
            status = Shop.status(customer, orderId);
            if (status.equals("PENDING_PAYMENT")) {
                pendingSeen.add(observed);
            }
        } while (status.equals("PENDING_PAYMENT") && observed.isBefore(expiresAt.plus(LATEST_AFTER_EXPIRY)));

        assertThat(status).isEqualTo("EXPIRED");
        assertThat(Instant.now()).as("expired not before the timeout").isAfterOrEqualTo(expiresAt);
        assertThat(pendingSeen).as("still pending during the reservation").isNotEmpty();
        assertThat(Duration.between(expiresAt, observed)).as("expired within what the configuration promises")
                .isLessThanOrEqualTo(LATEST_AFTER_EXPIRY);

        Map<String, Object> line = Shop.skuLine(shop.awaitCleanAudit(sku), sku);
        assertThat(line).containsEntry("onHand", 4).containsEntry("reserved", 0).containsEntry("sold", 0);

        assertThat(Shop.openPayment(customer, orderId).statusCode()).as("an expired order cannot be paid")
                .isEqualTo(409);
        assertThat(Shop.as(customer).post("/api/orders/" + orderId + "/cancel").statusCode())
                .as("an expired order cannot be cancelled").isEqualTo(409);
    }

    /**
     * The safety net: an overdue unpaid order whose ReservationExpiry never comes (here: its expiry moved into the past
     * behind the message's back, as if the broker had lost it) is expired by the periodic sweep.
     */
    @Test
    void theSweepExpiresAnOverdueOrderWhoseMessageNeverCame() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(2);
        long orderId = Shop.place(customer, Shop.newKey(), sku, 2).then().statusCode(201).extract().jsonPath().getLong("id");
        double sweptBefore = Metrics.counter("mall_orders_expired_by_sweep_total");
        try (Connection connection = Databases.connect(Databases.ORDERS);
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE customer_order SET expires_at = CURRENT_TIMESTAMP(3) - INTERVAL 5 MINUTE WHERE id = ?")) {
            statement.setLong(1, orderId);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
        Shop.awaitStatus(customer, orderId, LATEST_AFTER_EXPIRY.plusSeconds(30), "EXPIRED");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 0).containsEntry("onHand", 2);
        assertThat(Metrics.counter("mall_orders_expired_by_sweep_total")).isGreaterThan(sweptBefore);
    }

    @Test
    void cancellingReleasesTheStockOnceAndOnlyFromPendingPayment() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(2);
        long orderId = Shop.place(customer, Shop.newKey(), sku, 2).then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(Shop.place(customer, Shop.newKey(), sku, 1).statusCode()).as("sold out while held").isEqualTo(409);

        Response cancelled = Shop.as(customer).post("/api/orders/" + orderId + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.asString()).isEqualTo(200);
        assertThat(cancelled.jsonPath().getString("status")).isEqualTo("CANCELLED");
        Response again = Shop.as(customer).post("/api/orders/" + orderId + "/cancel");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 0).containsEntry("onHand", 2);
        assertThat(Shop.place(customer, Shop.newKey(), sku, 2).statusCode()).as("units back on sale").isEqualTo(201);
    }

    @Test
    void anotherCustomersOrderIsNotFound() {
        Accounts.Account owner = Accounts.customer();
        Accounts.Account stranger = Accounts.customer();
        long sku = shop.newSku(1);
        long orderId = Shop.place(owner, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");

        assertThat(Shop.as(stranger).get("/api/orders/" + orderId).statusCode()).isEqualTo(404);
        assertThat(Shop.as(stranger).post("/api/orders/" + orderId + "/cancel").statusCode()).isEqualTo(404);
        assertThat(Shop.openPayment(stranger, orderId).statusCode()).isEqualTo(404);
        assertThat(Shop.status(owner, orderId)).isEqualTo("PENDING_PAYMENT");
    }
}
