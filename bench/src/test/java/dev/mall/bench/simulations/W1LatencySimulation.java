package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import dev.mall.bench.Audit;
import dev.mall.bench.BenchConfig;
import dev.mall.bench.Marks;
import dev.mall.bench.OrdersDb;
import dev.mall.bench.Parts;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * W1, latency: place + pay arriving open-loop (a new customer every 1/rate seconds, whether or not earlier ones were
 * answered, so slow answers cannot hide themselves by slowing the load down) at {@link BenchConfig#openLoopLoad()}
 * of the capacity W1CapacitySimulation measured, or at {@link BenchConfig#w1OpenRate()} when that is set. Latency
 * percentiles and error rate come from Gatling's report; placed-to-PAID percentiles from the orders database.
 */
public class W1LatencySimulation extends Simulation {

    static final String KEYS = W1Orders.keyPrefix("w1o");
    final double rate;

    {
        double capacity = 20;
        if (Parts.exists("W1-capacity")) {
            Object settled = ((Map<?, ?>) Parts.read("W1-capacity").get("settled")).get("unitsPerSecond");
            if (settled instanceof Number n && n.doubleValue() > 0) {
                capacity = n.doubleValue();
            }
        }
        // The tracing runs (bench/bench.sh) offer all three servers the rate the first of them was offered.
        rate = BenchConfig.w1OpenRate() > 0 ? BenchConfig.w1OpenRate()
                : Math.max(1, capacity * BenchConfig.openLoopLoad());
        setUp(Common.mark("W1 open start")
                .andThen(W1Orders.placeAndPay("W1 open-loop", "W1 open", KEYS)
                        .injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(BenchConfig.seconds())))
                        .andThen(Common.mark("W1 open end"))))
                .protocols(Common.protocol());
    }

    @Override
    public void after() {
        Map<String, Long> statuses = OrdersDb.awaitSettled(KEYS, 5, 120);
        Marks.mark("W1 open settled");
        long paid = statuses.getOrDefault("PAID", 0L);
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("arrivalPerSecond", rate);
        part.put("statuses", statuses);
        part.put("requests", Marks.between("W1 open start", "W1 open end", 0));
        part.put("settled", Marks.between("W1 open start", "W1 open settled", paid));
        part.put("audit", Audit.run("W1 open-loop"));
        Parts.write("W1-latency", part);
    }
}
