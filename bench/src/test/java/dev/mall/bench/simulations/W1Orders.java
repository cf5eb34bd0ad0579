package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.mall.bench.Fixture;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W1's unit of work, one virtual user: a customer places an order of two different SKUs drawn from the many seeded
 * ones (201), opens its payment (201, the provider's checkoutUrl) and submits the provider's hosted checkout page with
 * SUCCESS, as the browser's form would. The rest — the provider's signed webhook and the PaymentSucceeded MDB that
 * marks the order PAID and confirms the stock — happens asynchronously in the server and is waited for by the
 * simulations (orders database) before they read their CPU and audit.
 */
final class W1Orders {

    private W1Orders() {
    }

    /**
     * The Idempotency-Key prefix of one phase of this run: {@code kind} and a tag of this JVM's start, so that the
     * orders database's count of a phase's orders ({@link dev.mall.bench.OrdersDb}) sees only this run's. Without the
     * tag a later run on the same databases (the two-server run, the tracing runs) counted every earlier run's orders
     * of the same kind as its own.
     */
    static String keyPrefix(String kind) {
        return kind + "-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    static ScenarioBuilder placeAndPay(String scenarioName, String requestPrefix, String keyPrefix) {
        List<Long> skus = Fixture.load().skuIds();
        return scenario(scenarioName)
                .feed(Common.customers().random())
                .exec(session -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    TreeSet<Long> two = new TreeSet<>();
                    while (two.size() < 2) {
                        two.add(skus.get(random.nextInt(skus.size())));
                    }
                    StringBuilder body = new StringBuilder("{\"items\":[");
                    for (long sku : two) {
                        body.append(body.charAt(body.length() - 1) == '[' ? "" : ",")
                                .append("{\"skuId\":").append(sku).append(",\"quantity\":1}");
                    }
                    body.append("]}");
                    return session.set("key", keyPrefix + UUID.randomUUID()).set("body", body.toString());
                })
                .exec(http(requestPrefix + " place").post("/api/orders")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "#{key}")
                        .body(StringBody("#{body}"))
                        .check(status().is(201), jmesPath("id").saveAs("orderId")))
                .exitHereIfFailed()
                .exec(http(requestPrefix + " pay").post("/api/orders/#{orderId}/pay")
                        .header("Authorization", "Bearer #{token}")
                        .check(status().is(201), jmesPath("checkoutUrl").saveAs("checkoutUrl")))
                .exitHereIfFailed()
                .exec(http(requestPrefix + " checkout").post("#{checkoutUrl}")
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                        .formParam("outcome", "SUCCESS")
                        .check(status().is(200)));
    }
}
