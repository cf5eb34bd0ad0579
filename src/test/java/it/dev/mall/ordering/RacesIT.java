package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Payment racing expiry, and payment racing cancellation, many times: every order ends in exactly one outcome, a
 * payment that lost is refunded, and the stock audit stays clean.
 */
class RacesIT {

    private static final Logger LOG = Logger.getLogger(RacesIT.class.getName());
    private static final int ORDERS = 24;

    private final Shop shop = new Shop();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(ORDERS);
    private final ExecutorService pool = Executors.newFixedThreadPool(2 * ORDERS);

    @AfterEach
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    @Test
    void payRacingExpiryEndsInOneOutcomePerOrder() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(ORDERS);
        List<Long> orders = new ArrayList<>();
        List<Future<Response>> payments = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Response placed = Shop.place(Shop.as(customer).header("X-Mall-Reservation-Timeout", "PT2S"),
                    Shop.newKey(), sku, 1);
            long orderId = placed.then().statusCode(201).extract().jsonPath().getLong("id");
            orders.add(orderId);
            // Aim the payment around the moment of expiry: the gateway's callback and the PaymentSucceeded MDB take a
            // few hundred milliseconds, so payments started up to 1.5 s before it land on both sides of it.
            Instant expiresAt = Instant.parse(placed.jsonPath().getString("expiresAt"));
            long delay = Duration.between(Instant.now(), expiresAt).toMillis()
                    + ThreadLocalRandom.current().nextLong(-1500, 100);
            payments.add(timer.schedule(() -> payAtCheckout(customer, orderId), Math.max(delay, 0),
                    TimeUnit.MILLISECONDS));
        }
        Map<String, Integer> outcomes = settle(customer, orders, payments);
        LOG.info(() -> "pay vs expire over " + ORDERS + " orders: " + outcomes);
        var audit = shop.awaitCleanAudit(sku);
        Map<String, Object> line = Shop.skuLine(audit, sku);
        int paid = outcomes.getOrDefault("PAID", 0);
        assertThat(paid + outcomes.getOrDefault("EXPIRED", 0)).isEqualTo(ORDERS);
        assertThat(line).containsEntry("reserved", 0).containsEntry("sold", paid).containsEntry("onHand", ORDERS - paid);
    }

    @Test
    void payRacingCancelEndsInOneOutcomePerOrder() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(ORDERS);
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> payments = new ArrayList<>();
        List<Future<Response>> cancels = new ArrayList<>();
        for (long orderId : orders) {
            payments.add(pool.submit(() -> {
                start.await();
                return payAtCheckout(customer, orderId);
            }));
            cancels.add(pool.submit(() -> {
                start.await();
                // Spread the cancels over the time a payment needs to complete, so that both sides win sometimes.
                Thread.sleep(ThreadLocalRandom.current().nextLong(0, 800));
                return Shop.as(customer).post("/api/orders/" + orderId + "/cancel");
            }));
        }
        start.countDown();
        for (Future<Response> cancel : cancels) {
            assertThat(cancel.get(1, TimeUnit.MINUTES).statusCode()).isIn(200, 409);
        }
        Map<String, Integer> outcomes = settle(customer, orders, payments);
        LOG.info(() -> "pay vs cancel over " + ORDERS + " orders: " + outcomes);
        int paid = outcomes.getOrDefault("PAID", 0);
        assertThat(paid + outcomes.getOrDefault("CANCELLED", 0)).isEqualTo(ORDERS);
        Map<String, Object> line = Shop.skuLine(shop.awaitCleanAudit(sku), sku);
        assertThat(line).containsEntry("reserved", 0).containsEntry("sold", paid).containsEntry("onHand", ORDERS - paid);
    }

    /**
     * The race above may end all paid or all expired, so its refund branch is not sure to run. Here the order has
     * expired for certain before its payment succeeds: the payment is opened in time (/pay, 201), and the customer
     * submits the provider's checkout page only after the order expired. The provider charges and calls back; the
     * money must go back through the provider and the order stay EXPIRED with its units on sale.
     */
    @Test
    void aPaymentThatSucceedsAfterItsOrderExpiredIsRefunded() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(2);
        Response placed = Shop.place(Shop.as(customer).header("X-Mall-Reservation-Timeout", "PT5S"),
                Shop.newKey(), sku, 1);
        long orderId = placed.then().statusCode(201).extract().jsonPath().getLong("id");
        Response opened = Shop.openPayment(customer, orderId);
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        Shop.awaitStatus(customer, orderId, Duration.ofMinutes(1), "EXPIRED");

        Response page = Shop.submitCheckout(opened.jsonPath().getString("checkoutUrl"), "SUCCESS");
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);

        long paymentId = opened.jsonPath().getLong("paymentId");
        org.awaitility.Awaitility.await("late payment " + paymentId + " refunded").atMost(Duration.ofMinutes(1))
                .until(() -> paymentStatuses(orderId), List.of("REFUNDED")::equals);
        assertThat(Shop.status(customer, orderId)).isEqualTo("EXPIRED");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku))
                .containsEntry("onHand", 2).containsEntry("reserved", 0).containsEntry("sold", 0);
    }

    /**
     * Waits until no order is unpaid and every succeeded payment of an order that did not end PAID is refunded; returns
     * the count of final statuses.
     */
    private Map<String, Integer> settle(Accounts.Account customer, List<Long> orders, List<Future<Response>> payments)
            throws Exception {
        for (Future<Response> payment : payments) {
            assertThat(payment.get(1, TimeUnit.MINUTES).statusCode()).as("pay answers 201 or 409").isIn(201, 409);
        }
        Map<String, Integer> outcomes = new HashMap<>();
        for (long orderId : orders) {
            String status = Shop.awaitStatus(customer, orderId, Duration.ofSeconds(60), "PAID", "EXPIRED", "CANCELLED");
            outcomes.merge(status, 1, Integer::sum);
            org.awaitility.Awaitility.await("payments of order " + orderId + " settled").atMost(Duration.ofSeconds(60))
                    .until(() -> paymentStatuses(orderId), statuses -> consistent(status, statuses));
        }
        return outcomes;
    }

    /** The customer pays: opens the payment and, if the order was payable, presses SUCCESS on the checkout page. */
    private static Response payAtCheckout(Accounts.Account customer, long orderId) {
        Response opened = Shop.openPayment(customer, orderId);
        if (opened.statusCode() == 201) {
            Shop.submitCheckout(opened.jsonPath().getString("checkoutUrl"), "SUCCESS").then().statusCode(200);
        }
        return opened;
    }

    private static boolean consistent(String orderStatus, List<String> payments) {
        if (payments.contains("PENDING")) {
            return false;
        }
        long succeeded = payments.stream().filter("SUCCEEDED"::equals).count();
        return orderStatus.equals("PAID") ? succeeded == 1 : succeeded == 0;
    }

    private static List<String> paymentStatuses(long orderId) throws Exception {
        List<String> statuses = new ArrayList<>();
        try (var connection = it.dev.mall.support.Databases.connect(it.dev.mall.support.Databases.ORDERS);
             var statement = connection.prepareStatement("SELECT status FROM payment WHERE order_id = ?")) {
            statement.setLong(1, orderId);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
        }
        return statuses;
    }
}
