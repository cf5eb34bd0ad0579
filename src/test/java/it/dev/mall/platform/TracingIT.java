package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One order, one trace: the client sends a {@code traceparent} of its own with every request, and the trace of that id
 * in the test servers' Zipkin (bin/mall test starts it and runs the test server with MALL_TRACING=on) holds the REST
 * request that placed the order, the payment provider's webhook callback (which continues the checkout's trace through
 * the traceparent stored with the webhook), and both MDB deliveries: PaymentSucceeded and the reservation's expiry
 * (continued from the traceparent property of their JMS messages).
 */
class TracingIT {

    private final Shop shop = new Shop();

    private static String zipkin() {
        String url = System.getenv("MALL_TEST_ZIPKIN_URL");
        assertThat(url).as("MALL_TEST_ZIPKIN_URL: run through bin/mall test, which starts the tests' Zipkin").isNotBlank();
        return url;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }

    @Test
    void aPlacedAndPaidOrderIsOneTraceThroughRestJmsAndTheWebhook() {
        String traceId = hex(16);
        String traceparent = "00-" + traceId + "-" + hex(8) + "-01";
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(1, "3.10");

        // A short reservation: its expiry message is delivered (to a paid order, which it leaves alone) within the test.
        long orderId = Shop.place(Shop.as(customer).header("traceparent", traceparent)
                        .header("X-Mall-Reservation-Timeout", "PT20S"), Shop.newKey(), sku, 1)
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Response opened = Shop.as(customer).header("traceparent", traceparent).post("/api/orders/" + orderId + "/pay");
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        Response page = given().urlEncodingEnabled(false).contentType(ContentType.URLENC).accept(ContentType.HTML)
                .header("traceparent", traceparent).formParam("outcome", "SUCCESS")
                .post(opened.jsonPath().getString("checkoutUrl"));
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");

        // Spans reach Zipkin in batches (every few seconds); the expiry is due 20 s after the placement.
        List<Map<String, Object>> spans = await("trace " + traceId + " complete in Zipkin")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> trace(traceId), found -> has(found, "SERVER", "/api/orders")
                        && has(found, "SERVER", "payments/callback")
                        && has(found, "CONSUMER", "paymentsucceededlistener")
                        && has(found, "CONSUMER", "reservationexpirylistener"));

        assertThat(spans).allSatisfy(span -> assertThat(span.get("traceId")).isEqualTo(traceId));
        // The deliveries are children of spans of this trace, not roots of traces of their own.
        assertThat(spans).filteredOn(span -> "CONSUMER".equals(span.get("kind")))
                .allSatisfy(span -> assertThat(span.get("parentId")).as("parent of %s", span.get("name")).isNotNull());
        assertThat(spans).filteredOn(span -> text(span).contains("paymentsucceededlistener"))
                .anySatisfy(span -> assertThat(text(span)).contains("mall.order_id=" + orderId));
    }

    private static List<Map<String, Object>> trace(String traceId) {
        Response answer = given().baseUri(zipkin()).get("/api/v2/trace/" + traceId);
        if (answer.statusCode() == 404) {
            return List.of();
        }
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        return answer.jsonPath().getList("$");
    }

    private static boolean has(List<Map<String, Object>> spans, String kind, String mention) {
        return spans.stream().anyMatch(span -> kind.equals(span.get("kind")) && text(span).contains(mention));
    }

    /** The span's name and tags as one lower-case text (Zipkin lower-cases names; routes live in tags). */
    private static String text(Map<String, Object> span) {
        StringBuilder text = new StringBuilder(String.valueOf(span.get("name")));
        if (span.get("tags") instanceof Map<?, ?> tags) {
            tags.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
