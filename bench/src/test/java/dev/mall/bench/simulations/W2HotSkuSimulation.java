package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * W2: every client orders one unit of the same hot SKU (place only), closed-loop, first on a SKU whose stock is one
 * row, then on one split into stock buckets (Prepare: {@code PUT /api/admin/skus/{id}/buckets}). One row serialises
 * all buyers on its lock; buckets let as many buyers as there are rows hold one at once. Every answer that is not 201
 * is counted by status and problem type; since both SKUs hold far more units than a run sells (checked at the end),
 * every 409 is a buyer refused while stock remained. The application's retry and refusal counters are read from
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
                        // saved before the 201 check, which stops the checks after it when it fails
                        .check(status().saveAs("status"), jsonPath("$.type").optional().saveAs("type"),
                                status().is(201)))
                .exec(session -> {
                    if (session.contains("status") && session.getInt("status") != 201) {
                        String type = session.contains("type") ? session.getString("type") : "";
                        REFUSALS.computeIfAbsent(keyPrefix, k -> new ConcurrentHashMap<>())
                                .merge(session.getInt("status") + " " + type.substring(type.lastIndexOf('/') + 1),
                                        1L, Long::sum);
                    }
                    return session.remove("type");
                });
    }

    /** Answers other than 201 per phase (key prefix): "409 stock-contention" → count. */
    static final Map<String, Map<String, Long>> REFUSALS = new ConcurrentHashMap<>();

    /** Units of the SKU's ordinary stock not held by any order, from the audit. */
    static long available(Api api, String admin, long sku) {
        JsonNode line = api.get("/api/admin/audit/stock?skuId=" + sku, admin).expect(200).json().get("skus").get(0);
        return line.get("onHand").asLong() - line.get("reserved").asLong();
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
        Api api = new Api();
        for (String[] phase : new String[][]{{"single", SINGLE, Long.toString(fixture.hotSku())},
                {"bucketed", BUCKETED, Long.toString(fixture.hotBucketedSku())}}) {
            Map<String, Long> refusals = REFUSALS.getOrDefault(phase[1], Map.of());
            long left = available(api, fixture.adminToken(), Long.parseLong(phase[2]));
            part.put(phase[0] + "Refusals", refusals);
            part.put(phase[0] + "StockLeft", left);
            // Both SKUs hold a million units: while any is left, every refusal was one while stock remained.
            part.put(phase[0] + "RefusedWhileStockRemained",
                    left > 0 ? refusals.entrySet().stream().filter(e -> e.getKey().startsWith("409"))
                            .mapToLong(Map.Entry::getValue).sum() : 0);
        }
        part.put("audit", Audit.run("W2"));
        Parts.write("W2", part);
    }
}
