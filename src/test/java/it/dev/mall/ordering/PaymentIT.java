package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Databases;
import it.dev.mall.support.Metrics;
import it.dev.mall.support.Shop;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Paying through the provider's checkout and its signed callback, and what duplicate or forged callbacks do
 * (nothing). The checkout page itself: {@link CheckoutIT}.
 */
class PaymentIT {

    private final Shop shop = new Shop();

    @Test
    void aSucceededPaymentMarksTheOrderPaidAndSellsTheReservedUnits() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(5, "12.50");
        Response placed = Shop.place(customer, Shop.newKey(), sku, 2);
        long orderId = placed.then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(placed.jsonPath().getString("total")).isEqualTo("25.00");

        long paymentId = Shop.pay(customer, orderId, "SUCCESS");

        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");
        Map<String, Object> line = Shop.skuLine(shop.awaitCleanAudit(sku), sku);
        assertThat(line).containsEntry("onHand", 3).containsEntry("reserved", 0).containsEntry("sold", 2);

        // The provider retries its callback, N times at once: each answers 200 and nothing changes.
        String providerTxn = paymentColumn(paymentId, "provider_txn_id");
        String body = "{\"paymentId\":" + paymentId + ",\"providerTxnId\":\"" + providerTxn + "\",\"orderId\":" + orderId
                + ",\"amount\":\"25.00\",\"outcome\":\"SUCCESS\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> duplicates = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                duplicates.add(pool.submit(() -> Shop.callback(body, Shop.sign(body))));
            }
            for (Future<Response> duplicate : duplicates) {
                Response response = duplicate.get(1, TimeUnit.MINUTES);
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                assertThat(response.jsonPath().getBoolean("applied")).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Shop.status(customer, orderId)).isEqualTo("PAID");
        assertThat(paymentColumn(paymentId, "status")).isEqualTo("SUCCEEDED");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("onHand", 3).containsEntry("sold", 2);

        assertThat(Shop.openPayment(customer, orderId).statusCode()).as("a paid order is not paid again")
                .isEqualTo(409);
        assertThat(Shop.as(customer).post("/api/orders/" + orderId + "/cancel").statusCode())
                .as("a paid order cannot be cancelled").isEqualTo(409);
    }

    @Test
    void aFailedPaymentLeavesTheOrderUnpaidAndItCanBePaidAgain() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(1);
        long orderId = Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");
        long failedPayment = Shop.pay(customer, orderId, "FAILURE");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED".equals(paymentColumn(failedPayment, "status")));
        assertThat(Shop.status(customer, orderId)).isEqualTo("PENDING_PAYMENT");

        Shop.pay(customer, orderId, "SUCCESS");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("onHand", 0).containsEntry("sold", 1);
    }

    @Test
    void forgedOrWrongCallbacksChangeNothing() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(1, "10.00");
        long orderId = Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");
        long paymentId = Shop.pay(customer, orderId, "FAILURE");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED".equals(paymentColumn(paymentId, "status")));
        String providerTxn = paymentColumn(paymentId, "provider_txn_id");

        String success = "{\"paymentId\":" + paymentId + ",\"providerTxnId\":\"" + providerTxn + "\",\"orderId\":"
                + orderId + ",\"amount\":\"10.00\",\"outcome\":\"SUCCESS\"}";
        Response forged = Shop.callback(success, "sha256=" + "00".repeat(32));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(Shop.callback(success, null).statusCode()).isEqualTo(401);

        String otherTxn = success.replace(providerTxn, "forged-" + providerTxn);
        assertThat(Shop.callback(otherTxn, Shop.sign(otherTxn)).statusCode())
                .as("a settled payment is not settled again by another provider transaction").isEqualTo(409);

        long secondPayment = Shop.pay(customer, orderId, "FAILURE");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED".equals(paymentColumn(secondPayment, "status")));
        String wrongAmount = "{\"paymentId\":" + secondPayment + ",\"providerTxnId\":\"x-" + secondPayment
                + "\",\"orderId\":" + orderId + ",\"amount\":\"9.99\",\"outcome\":\"SUCCESS\"}";
        assertThat(Shop.callback(wrongAmount, Shop.sign(wrongAmount)).statusCode()).isEqualTo(409);
        String malformed = "{\"paymentId\":";
        assertThat(Shop.callback(malformed, Shop.sign(malformed)).statusCode()).isEqualTo(400);

        assertThat(Shop.status(customer, orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1).containsEntry("sold", 0);
    }

    /**
     * The safety net behind PaymentSucceeded: a payment that succeeded but whose message never reached its order (here
     * recorded behind the broker's back, as if the message had gone to the DLQ while the database was away) is applied
     * by the sweep: the unpaid order becomes PAID and sells its units, the cancelled one has its money refunded.
     */
    @Test
    void theSweepAppliesASucceededPaymentWhoseMessageNeverArrived() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(5, "10.00");
        long unpaid = Shop.place(customer, Shop.newKey(), sku, 2).then().statusCode(201).extract().jsonPath().getLong("id");
        long cancelled = Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath()
                .getLong("id");
        assertThat(Shop.as(customer).post("/api/orders/" + cancelled + "/cancel").statusCode()).isEqualTo(200);
        double sweptBefore = Metrics.counter("mall_payments_applied_by_sweep_total");

        long paysUnpaid = succeededPaymentWithoutMessage(unpaid, customer.id(), "20.00");
        long paysCancelled = succeededPaymentWithoutMessage(cancelled, customer.id(), "10.00");

        Shop.awaitStatus(customer, unpaid, Duration.ofSeconds(60), "PAID");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "REFUNDED".equals(paymentColumn(paysCancelled, "status")));
        assertThat(paymentColumn(paysUnpaid, "status")).isEqualTo("SUCCEEDED");
        assertThat(Shop.status(customer, cancelled)).as("money never resurrects an order").isEqualTo("CANCELLED");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("onHand", 3).containsEntry("reserved", 0)
                .containsEntry("sold", 2);
        assertThat(Metrics.counter("mall_payments_applied_by_sweep_total")).isGreaterThanOrEqualTo(sweptBefore + 2);
    }

    /**
     * A SUCCEEDED payment row settled five minutes ago, with no PaymentSucceeded message, and the provider's charge
     * behind it (a refund of it goes through the provider): its id.
     */
    private static long succeededPaymentWithoutMessage(long orderId, long customerId, String amount) throws Exception {
        long paymentId = succeededPaymentRow(orderId, customerId, amount);
        try (Connection connection = Databases.connect(Databases.PROVIDER);
             PreparedStatement statement = connection.prepareStatement("INSERT INTO charge (merchant_payment_id,"
                     + " order_id, amount, outcome, provider_txn_id, created_at) SELECT ?, ?, ?, 'SUCCESS', ?,"
                     + " CURRENT_TIMESTAMP(3)")) {
            statement.setLong(1, paymentId);
            statement.setLong(2, orderId);
            statement.setBigDecimal(3, new BigDecimal(amount));
            statement.setString(4, paymentColumn(paymentId, "provider_txn_id"));
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
        return paymentId;
    }

    private static long succeededPaymentRow(long orderId, long customerId, String amount) throws Exception {
        try (Connection connection = Databases.connect(Databases.ORDERS);
             PreparedStatement statement = connection.prepareStatement("INSERT INTO payment (order_id, customer_id,"
                     + " amount, status, requested_outcome, provider_txn_id, created_at, updated_at) VALUES (?, ?, ?,"
                     + " 'SUCCEEDED', 'SUCCESS', ?, CURRENT_TIMESTAMP(3) - INTERVAL 6 MINUTE,"
                     + " CURRENT_TIMESTAMP(3) - INTERVAL 5 MINUTE)", Statement.RETURN_GENERATED_KEYS)) {
            statement.setLong(1, orderId);
            statement.setLong(2, customerId);
            statement.setBigDecimal(3, new BigDecimal(amount));
            statement.setString(4, "lost-" + UUID.randomUUID());
            assertThat(statement.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                return keys.getLong(1);
            }
        }
    }

    static String paymentColumn(long paymentId, String column) throws Exception {
        try (Connection connection = Databases.connect(Databases.ORDERS);
             PreparedStatement statement = connection.prepareStatement("SELECT " + column + " FROM payment WHERE id = ?")) {
            statement.setLong(1, paymentId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
