package it.dev.mall.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Databases;
import it.dev.mall.support.ProviderRecords;
import it.dev.mall.support.Shop;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refunds go through the payment provider: the provider pays back (once per refund, whatever the retries) and the shop
 * records what it paid back on the payment. Whole or in parts; the last part makes the order REFUNDED.
 */
class ProviderRefundsIT {

    private final Shop shop = new Shop();

    @Test
    void aFullRefundIsPaidBackByTheProviderOnce() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3, "9.90");
        long orderId = paidOrder(customer, sku, 3);
        long paymentId = Shop.order(customer, orderId).getLong("paymentId");

        Response refunded = Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/refund");
        assertThat(refunded.statusCode()).as(refunded.asString()).isEqualTo(200);
        assertThat(refunded.jsonPath().getString("status")).isEqualTo("REFUNDED");
        assertThat(ProviderRecords.charge(paymentId).refunded()).isEqualByComparingTo("29.70");
        assertThat(refundedAmount(paymentId)).isEqualByComparingTo("29.70");

        Response again = Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/refund");
        assertThat(again.statusCode()).as("the same refund asked again").isEqualTo(200);
        assertThat(again.jsonPath().getString("status")).isEqualTo("REFUNDED");
        assertThat(ProviderRecords.refunds(paymentId)).as("refunds the provider made").isEqualTo(1);
        assertThat(ProviderRecords.charge(paymentId).refunded()).isEqualByComparingTo("29.70");
        assertThat(shop.awaitCleanAudit(sku).getBoolean("ok")).isTrue();
    }

    @Test
    void partialRefundsAddUpAndTheLastOneRefundsTheOrder() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3, "10.00");
        long orderId = paidOrder(customer, sku, 3);
        long paymentId = Shop.order(customer, orderId).getLong("paymentId");
        String key = Shop.newKey();

        Response part = refund(orderId, key, "20.00");
        assertThat(part.statusCode()).as(part.asString()).isEqualTo(200);
        assertThat(part.jsonPath().getString("status")).as("a part leaves the order paid").isEqualTo("PAID");
        Response replay = refund(orderId, key, "20.00");
        assertThat(replay.statusCode()).as("the same Idempotency-Key again, though only 10.00 is left")
                .isEqualTo(200);
        assertThat(ProviderRecords.refunds(paymentId)).isEqualTo(1);
        assertThat(refundedAmount(paymentId)).isEqualByComparingTo("20.00");

        Response tooMuch = refund(orderId, Shop.newKey(), "10.01");
        assertThat(tooMuch.statusCode()).as(tooMuch.asString()).isEqualTo(400);
        assertThat(tooMuch.contentType()).startsWith("application/problem+json");
        assertThat(refund(orderId, Shop.newKey(), "-1.00").statusCode()).isEqualTo(400);
        assertThat(refundedAmount(paymentId)).isEqualByComparingTo("20.00");
        assertThat(ProviderRecords.charge(paymentId).refunded()).isEqualByComparingTo("20.00");

        Response rest = Shop.as(shop.admin()).post("/api/admin/orders/" + orderId + "/refund");
        assertThat(rest.statusCode()).as(rest.asString()).isEqualTo(200);
        assertThat(rest.jsonPath().getString("status")).isEqualTo("REFUNDED");
        assertThat(refundedAmount(paymentId)).isEqualByComparingTo("30.00");
        assertThat(ProviderRecords.charge(paymentId).refunded()).isEqualByComparingTo("30.00");
        assertThat(ProviderRecords.refunds(paymentId)).isEqualTo(2);
        assertThat(refund(orderId, key, "20.00").statusCode()).as("an early part replayed after the end").isEqualTo(200);
        assertThat(ProviderRecords.refunds(paymentId)).isEqualTo(2);
        assertThat(shop.awaitCleanAudit(sku).getBoolean("ok")).isTrue();
    }

    /** Money that arrives for an order cancelled meanwhile goes back through the provider. */
    @Test
    void aLatePaymentIsRefundedThroughTheProvider() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(1, "8.00");
        long orderId = Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath()
                .getLong("id");
        Response opened = Shop.openPayment(customer, orderId);
        long paymentId = opened.jsonPath().getLong("paymentId");
        assertThat(Shop.as(customer).post("/api/orders/" + orderId + "/cancel").statusCode()).isEqualTo(200);

        assertThat(Shop.submitCheckout(opened.jsonPath().getString("checkoutUrl"), "SUCCESS").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> paymentStatus(paymentId), "REFUNDED"::equals);
        assertThat(ProviderRecords.charge(paymentId).refunded()).isEqualByComparingTo("8.00");
        assertThat(Shop.status(customer, orderId)).isEqualTo("CANCELLED");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("sold", 0).containsEntry("onHand", 1);
    }

    private Response refund(long orderId, String key, String amount) {
        return Shop.as(shop.admin()).header("Idempotency-Key", key).body(Map.of("amount", new BigDecimal(amount)))
                .post("/api/admin/orders/" + orderId + "/refund");
    }

    private static long paidOrder(Accounts.Account customer, long sku, int quantity) {
        long orderId = Shop.place(customer, Shop.newKey(), sku, quantity).then().statusCode(201).extract().jsonPath()
                .getLong("id");
        Shop.pay(customer, orderId, "SUCCESS");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(15), "PAID");
        return orderId;
    }

    private static BigDecimal refundedAmount(long paymentId) throws Exception {
        return (BigDecimal) column(paymentId, "refunded_amount");
    }

    private static String paymentStatus(long paymentId) throws Exception {
        return (String) column(paymentId, "status");
    }

    private static Object column(long paymentId, String column) throws Exception {
        try (Connection connection = Databases.connect(Databases.ORDERS);
             PreparedStatement statement = connection.prepareStatement("SELECT " + column + " FROM payment WHERE id = ?")) {
            statement.setLong(1, paymentId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getObject(1) : null;
            }
        }
    }
}
