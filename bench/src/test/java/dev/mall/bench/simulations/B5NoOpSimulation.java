package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.mall.bench.BenchConfig;
import dev.mall.bench.Marks;
import dev.mall.bench.Parts;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * B5: GET /api/ping (204, nothing read or written) from {@link BenchConfig#concurrency()} closed-loop clients: what a
 * request costs on this Liberty before any shop work — the ceiling of requests per second and the floor of CPU per
 * request that every workload is compared with.
 */
public class B5NoOpSimulation extends Simulation {

    static ScenarioBuilder ping(String name) {
        return scenario(name).exec(http(name).get("/api/ping").check(status().is(204)));
    }

    {
        int c = BenchConfig.concurrency();
        setUp(ping("B5 warm-up").injectClosed(constantConcurrentUsers(c).during(Duration.ofSeconds(BenchConfig.warmup())))
                .andThen(Common.mark("B5 start")
                        .andThen(ping("B5 ping").injectClosed(constantConcurrentUsers(c)
                                        .during(Duration.ofSeconds(BenchConfig.seconds())))
                                .andThen(Common.mark("B5 end")))))
                .protocols(Common.protocol());
    }

    @Override
    public void after() {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("concurrency", BenchConfig.concurrency());
        part.put("phase", Marks.between("B5 start", "B5 end", 0));
        part.put("request", "B5 ping");
        Parts.write("B5", part);
    }
}
