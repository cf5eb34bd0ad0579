package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.mall.bench.BenchConfig;
import dev.mall.bench.Fixture;
import dev.mall.bench.Marks;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.Map;
import java.util.function.Supplier;

/** What the simulations share: the protocol, the customers feeder, and phase marks as one-user scenarios. */
final class Common {

    private Common() {
    }

    /**
     * Closed-loop clients keep their connections (shareConnections: a pool, as a shop's front end or load balancer
     * would), so that the workloads measure the shop's work rather than TCP set-up; W3's buyers come each on a
     * connection of their own (see there).
     */
    static HttpProtocolBuilder protocol() {
        return http.baseUrl(BenchConfig.baseUrl()).acceptHeader("application/json")
                .contentTypeHeader("application/json").shareConnections().disableCaching();
    }

    static FeederBuilder<String> customers() {
        return csv(Fixture.customersCsv().toString());
    }

    /** A scenario of one user that only records a mark (time, CPU, metrics) when it runs. */
    static PopulationBuilder mark(String name) {
        return mark(name, Map::of, () -> {
        });
    }

    static PopulationBuilder mark(String name, Supplier<Map<String, Double>> metrics, Runnable before) {
        return scenario("mark " + name).exec(exec(session -> {
            before.run();
            Marks.mark(name, metrics);
            return session;
        })).injectOpen(atOnceUsers(1));
    }
}
