package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.mall.bench.Api;
import dev.mall.bench.Audit;
import dev.mall.bench.BenchConfig;
import dev.mall.bench.Fixture;
import dev.mall.bench.Marks;
import dev.mall.bench.OrdersDb;
import dev.mall.bench.Parts;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * W2: every client orders one unit of the same hot SKU (place only), closed-loop, first on a SKU whose stock is one
 * row, then on one split into stock buckets (Prepare: {@code PUT /api/admin/skus/{id}/buckets}). One row serialises
 * all buyers on its lock and its version: losers of the optimistic race retry with backoff, and after 10 attempts get
 * 409 stock-contention; buckets spread them over rows. The application's retry and refusal counters are read from
 * /metrics at each mark.
 */
public class W2HotSkuSimulation extends io.gatling.javaapi.core.Simulation {

    static final String SINGLE = "w2a-";
    static final String BUCKETED = "w2b-";

    static ScenarioBuilder placeOn(String name, long sku, String keyPrefix) {
        return scenario(name)
                .feed(Common.customers().random())
                .exec(session -> session.set("key", keyPrefix + UUID.randomUUID()))
                .exec(http(name).post("/api/orders")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "#{key}")
                        .body(StringBody("{\"items\":[{\"skuId\":" + sku + ",\"quantity\":1}]}"))
                        .check(status().is(201)));
    }

    static Supplier<Map<String, Double>> metrics() {
        return () -> {
            Api api = new Api();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("optimisticRetries", api.metric("mall_stock_optimistic_retries_total"));
            m.put("contentionRefusals", api.metric("mall_stock_contention_refusals_total"));
            return m;
        };
    }

    final Fixture fixture = Fixture.load();

    {
        int c = BenchConfig.concurrency();
        Duration phase = Duration.ofSeconds(BenchConfig.seconds());
        setUp(placeOn("W2 warm-up", fixture.hotSku(), "w2w-")
                .injectClosed(constantConcurrentUsers(c).during(Duration.ofSeconds(Math.max(1, BenchConfig.warmup() / 2))))
                .andThen(Common.mark("W2 single start", metrics(), () -> { })
                        .andThen(placeOn("W2 place, 1 row", fixture.hotSku(), SINGLE)
                                .injectClosed(constantConcurrentUsers(c).during(phase))
                                .andThen(Common.mark("W2 single end", metrics(), () -> { })
                                        .andThen(placeOn("W2 place, " + fixture.hotBuckets() + " buckets",
                                                fixture.hotBucketedSku(), BUCKETED)
                                                .injectClosed(constantConcurrentUsers(c).during(phase))
                                                .andThen(Common.mark("W2 bucketed end", metrics(), () -> { })))))))
                .protocols(Common.protocol());
    }

    @Override
    public void after() {
        Map<String, Object> part = new LinkedHashMap<>();
        long single = OrdersDb.statusCounts(SINGLE).values().stream().mapToLong(Long::longValue).sum();
        long bucketed = OrdersDb.statusCounts(BUCKETED).values().stream().mapToLong(Long::longValue).sum();
        part.put("concurrency", BenchConfig.concurrency());
        part.put("buckets", fixture.hotBuckets());
        part.put("singleRequest", "W2 place, 1 row");
        part.put("bucketedRequest", "W2 place, " + fixture.hotBuckets() + " buckets");
        part.put("single", Marks.between("W2 single start", "W2 single end", single));
        part.put("bucketed", Marks.between("W2 single end", "W2 bucketed end", bucketed));
        part.put("audit", Audit.run("W2"));
        Parts.write("W2", part);
    }
}
