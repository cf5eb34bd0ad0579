package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.mall.bench.BenchConfig;
import dev.mall.bench.Parts;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * B6: GET /api/ping with a new connection per request — what each of W3's and W5's buyers pays for TCP and HTTP
 * before any shop code runs. Closed loop of {@link BenchConfig#concurrency()} clients, but every virtual user sends
 * one request on a connection of its own (no shared pool) and ends, which closes it; the next one connects anew.
 */
public class B6NewConnectionPingSimulation extends Simulation {

    static ScenarioBuilder ping(String name) {
        return scenario(name).exec(http(name).get("/api/ping").check(status().is(204)));
    }

    {
        HttpProtocolBuilder ownConnections = http.baseUrl(BenchConfig.baseUrl()).disableCaching();
        int c = BenchConfig.concurrency();
        setUp(ping("B6 warm-up").injectClosed(constantConcurrentUsers(c).during(Duration.ofSeconds(BenchConfig.warmup())))
                .andThen(Common.mark("B6 start")
                        .andThen(ping("B6 ping").injectClosed(constantConcurrentUsers(c)
                                        .during(Duration.ofSeconds(BenchConfig.seconds())))
                                .andThen(Common.mark("B6 end")))))
                .protocols(ownConnections);
    }

    @Override
    public void after() {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("concurrency", BenchConfig.concurrency());
        part.put("phase", dev.mall.bench.Marks.between("B6 start", "B6 end", 0));
        part.put("request", "B6 ping");
        Parts.write("B6", part);
    }
}
