package it.dev.mall.ordering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Databases;
import it.dev.mall.support.ProviderRecords;
import it.dev.mall.support.Shop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Paying at the provider's hosted checkout: the shop answers a checkout URL, only the page's form decides the outcome,
 * the provider's signed webhook makes the order PAID, and the provider charges once per payment and retries its
 * webhook until the shop takes it. No request to the shop can choose where the provider calls back.
 */
class CheckoutIT {

    private final Shop shop = new Shop();

    @Test
    void theOrderIsPaidOnlyThroughTheCheckoutPage() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3, "12.50");
        long orderId = placed(customer, sku, 2);

        // The old customer-chosen outcome: without MALL_PAYMENT_TEST_MODE it decides nothing.
        Response opened = Shop.as(customer).body(Map.of("outcome", "SUCCESS")).post("/api/orders/" + orderId + "/pay");
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        assertThat(opened.jsonPath().getString("status")).isEqualTo("PENDING");
        long paymentId = opened.jsonPath().getLong("paymentId");
        String checkoutUrl = opened.jsonPath().getString("checkoutUrl");
        assertThat(URI.create(checkoutUrl).getPath()).isEqualTo("/provider/checkout");

        Response again = Shop.openPayment(customer, orderId);
        assertThat(again.statusCode()).as("the open payment again").isEqualTo(200);
        assertThat(again.jsonPath().getLong("paymentId")).isEqualTo(paymentId);
        assertThat(again.jsonPath().getString("checkoutUrl")).isEqualTo(checkoutUrl);

        await("the order stays unpaid while nobody used the checkout page").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> Shop.status(customer, orderId), "PENDING_PAYMENT"::equals);
        assertThat(ProviderRecords.charges(paymentId)).isZero();
        assertThat(PaymentIT.paymentColumn(paymentId, "status")).isEqualTo("PENDING");

        Response page = given().urlEncodingEnabled(false).accept(ContentType.HTML).get(checkoutUrl);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("<form method=\"post\">", "name=\"outcome\" value=\"SUCCESS\"",
                "name=\"outcome\" value=\"FAILURE\"", "25.00");

        Response paid = Shop.submitCheckout(checkoutUrl, "SUCCESS");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.asString()).contains("Payment received");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(15), "PAID");
        assertThat(Shop.order(customer, orderId).getLong("paymentId")).isEqualTo(paymentId);
        assertThat(ProviderRecords.charge(paymentId).outcome()).isEqualTo("SUCCESS");
        assertThat(PaymentIT.paymentColumn(paymentId, "provider_txn_id"))
                .isEqualTo(ProviderRecords.charge(paymentId).providerTxnId());
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("sold", 2).containsEntry("reserved", 0);
        assertThat(Shop.openPayment(customer, orderId).statusCode()).as("a paid order is not paid again").isEqualTo(409);
    }

    @Test
    void aFailedPaymentLeavesTheOrderPayable() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(1);
        long orderId = placed(customer, sku, 1);

        long failed = Shop.pay(customer, orderId, "FAILURE");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> PaymentIT.paymentColumn(failed, "status"), "FAILED"::equals);
        assertThat(Shop.status(customer, orderId)).isEqualTo("PENDING_PAYMENT");

        Response next = Shop.openPayment(customer, orderId);
        assertThat(next.statusCode()).as("a new payment after a failed one").isEqualTo(201);
        assertThat(next.jsonPath().getLong("paymentId")).isNotEqualTo(failed);
        assertThat(Shop.submitCheckout(next.jsonPath().getString("checkoutUrl"), "SUCCESS").statusCode()).isEqualTo(200);
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(15), "PAID");
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("onHand", 0).containsEntry("sold", 1);
    }

    @Test
    void aTamperedCheckoutLinkChargesNothing() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long orderId = placed(customer, shop.newSku(1, "40.00"), 1);
        Response opened = Shop.openPayment(customer, orderId);
        long paymentId = opened.jsonPath().getLong("paymentId");
        String checkoutUrl = opened.jsonPath().getString("checkoutUrl");

        Response cheaper = Shop.submitCheckout(checkoutUrl.replace("amount=40.00", "amount=0.01"), "SUCCESS");
        assertThat(cheaper.statusCode()).isEqualTo(403);
        Response unsigned = Shop.submitCheckout(checkoutUrl.replaceAll("&sig=.*$", ""), "SUCCESS");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(Shop.submitCheckout(checkoutUrl, "FREE").statusCode()).isEqualTo(400);
        assertThat(ProviderRecords.charges(paymentId)).isZero();
        assertThat(Shop.status(customer, orderId)).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void submittingTheCheckoutManyTimesChargesOnce() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(1);
        long orderId = placed(customer, sku, 1);
        Response opened = Shop.openPayment(customer, orderId);
        long paymentId = opened.jsonPath().getLong("paymentId");
        String checkoutUrl = opened.jsonPath().getString("checkoutUrl");

        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> submits = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String outcome = i % 2 == 0 ? "SUCCESS" : "FAILURE";
                submits.add(pool.submit(() -> {
                    start.await();
                    return Shop.submitCheckout(checkoutUrl, outcome);
                }));
            }
            start.countDown();
            for (Future<Response> submit : submits) {
                assertThat(submit.get(1, TimeUnit.MINUTES).statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ProviderRecords.charges(paymentId)).as("one charge per payment").isEqualTo(1);
        assertThat(ProviderRecords.webhooks(paymentId)).as("one webhook per charge").isEqualTo(1);
        String outcome = ProviderRecords.charge(paymentId).outcome();
        String expected = outcome.equals("SUCCESS") ? "SUCCEEDED" : "FAILED";
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> PaymentIT.paymentColumn(paymentId, "status"), expected::equals);
        assertThat(Shop.submitCheckout(checkoutUrl, outcome.equals("SUCCESS") ? "FAILURE" : "SUCCESS").asString())
                .as("the page shows the first outcome").contains("<p id=\"outcome\">" + outcome + "</p>");
    }

    /**
     * Issue 12's SSRF: a Host header naming a listener on this machine must not make anything connect to it. The
     * callback goes to the configured MALL_PUBLIC_URL (here the test server itself), and the order is paid through it.
     */
    @Test
    void aForeignHostHeaderNeverReceivesTheCallback() throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        listener.start();
        try {
            String foreignHost = "127.0.0.1:" + listener.getAddress().getPort();
            Accounts.Account customer = Accounts.customer();
            long orderId = placed(customer, shop.newSku(1), 1);
            Response opened = Shop.as(customer).header("Host", foreignHost).header("X-Forwarded-Host", foreignHost)
                    .post("/api/orders/" + orderId + "/pay");
            assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
            String checkoutUrl = opened.jsonPath().getString("checkoutUrl");
            assertThat(checkoutUrl).doesNotContain(foreignHost);

            assertThat(Shop.submitCheckout(checkoutUrl, "SUCCESS").statusCode()).isEqualTo(200);
            Shop.awaitStatus(customer, orderId, Duration.ofSeconds(15), "PAID");
            assertThat(received.get()).as("requests that reached the host named by the client").isZero();
        } finally {
            listener.stop(0);
        }
    }

    /**
     * The provider retries its webhook with backoff until the shop answers 2xx: here the shop refuses it (the payment's
     * amount was changed behind its back, so the signed callback's amount does not match: 409) until the amount is
     * put back, and the order is then paid without anyone submitting anything again.
     */
    @Test
    void aWebhookTheShopRefusedIsRetriedUntilTheShopTakesIt() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(1, "15.00");
        long orderId = placed(customer, sku, 1);
        Response opened = Shop.openPayment(customer, orderId);
        long paymentId = opened.jsonPath().getLong("paymentId");
        setPaymentAmount(paymentId, "14.99");

        assertThat(Shop.submitCheckout(opened.jsonPath().getString("checkoutUrl"), "SUCCESS").statusCode())
                .isEqualTo(200);
        await("two refused deliveries").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> ProviderRecords.webhook(paymentId), w -> w != null && w.attempts() >= 2 && !w.delivered());
        assertThat(ProviderRecords.webhook(paymentId).lastError()).contains("409");
        assertThat(Shop.status(customer, orderId)).isEqualTo("PENDING_PAYMENT");

        setPaymentAmount(paymentId, "15.00");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(20), "PAID");
        assertThat(ProviderRecords.webhook(paymentId).delivered()).isTrue();
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("sold", 1);
    }

    private static long placed(Accounts.Account customer, long sku, int quantity) {
        return Shop.place(customer, Shop.newKey(), sku, quantity).then().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    static void setPaymentAmount(long paymentId, String amount) throws Exception {
        try (Connection connection = Databases.connect(Databases.ORDERS);
             PreparedStatement update = connection.prepareStatement("UPDATE payment SET amount = ? WHERE id = ?")) {
            update.setBigDecimal(1, new java.math.BigDecimal(amount));
            update.setLong(2, paymentId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
