package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;

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
 * W1, capacity: place + pay on many SKUs from {@link BenchConfig#concurrency()} closed-loop clients after a warm-up
 * of {@link BenchConfig#w1Warmup()} seconds.
 * The capacity is end to end: PAID orders per second from the first order placed to the last one paid (the payment
 * path is asynchronous), read from the orders database. CPU per order covers the phase and the settling of its
 * payments; the warm-up's payments have settled before the phase starts. W1LatencySimulation then offers a fraction
 * of this capacity open-loop.
 */
public class W1CapacitySimulation extends Simulation {

    static final String WARM = W1Orders.keyPrefix("w1w");
    static final String KEYS = W1Orders.keyPrefix("w1c");

    {
        int c = BenchConfig.concurrency();
        setUp(W1Orders.placeAndPay("W1 warm-up", "W1 warm-up", WARM)
                .injectClosed(constantConcurrentUsers(c).during(Duration.ofSeconds(BenchConfig.w1Warmup())))
                .andThen(Common.mark("W1 capacity start", Map::of, () -> OrdersDb.awaitSettled(WARM, 5, 60))
                        .andThen(W1Orders.placeAndPay("W1 capacity", "W1 capacity", KEYS)
                                .injectClosed(constantConcurrentUsers(c).during(Duration.ofSeconds(BenchConfig.seconds())))
                                .andThen(Common.mark("W1 capacity end")))))
                .protocols(Common.protocol());
    }

    @Override
    public void after() {
        Map<String, Long> statuses = OrdersDb.awaitSettled(KEYS, 5, 120);
        Marks.mark("W1 capacity settled");
        long paid = statuses.getOrDefault("PAID", 0L);
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("concurrency", BenchConfig.concurrency());
        part.put("statuses", statuses);
        part.put("requests", Marks.between("W1 capacity start", "W1 capacity end", 0));
        part.put("settled", Marks.between("W1 capacity start", "W1 capacity settled", paid));
        part.put("audit", Audit.run("W1 capacity"));
        Parts.write("W1-capacity", part);
    }
}
