package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.mall.bench.BenchConfig;
import dev.mall.bench.Fixture;
import dev.mall.bench.Marks;
import dev.mall.bench.Parts;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W4: catalog reads. Runs before any other workload has read a product, so that:
 * <ol>
 * <li>cold: every seeded product is read exactly once, open loop at {@link BenchConfig#catalogRate()} per second — a
 * miss of the product cache each time (the details come from the inventory database; stock is always live);</li>
 * <li>cached: a few hot products (read in step 1, so cached) again and again, closed loop with
 * {@link BenchConfig#concurrency()} clients — only the live stock query is left;</li>
 * <li>search: GET /api/products?q=… with words that occur in names and descriptions (FULLTEXT, never cached), closed
 * loop like step 2.</li>
 * </ol>
 * Cold reads cannot be closed-loop for long (each product is cold once), so their CPU per request includes whatever
 * else the server did meanwhile; cached and search run the server flat out, so theirs is the cost of the request.
 */
public class W4CatalogSimulation extends Simulation {

    final Fixture fixture = Fixture.load();

    {
        int rate = BenchConfig.catalogRate();
        List<Long> products = fixture.productIds();
        List<Map<String, Object>> cold = products.stream().map(id -> Map.<String, Object>of("productId", id)).toList();
        List<Map<String, Object>> hot = products.subList(0, Math.min(10, products.size())).stream()
                .map(id -> Map.<String, Object>of("productId", id)).toList();
        List<Map<String, Object>> terms = fixture.searchTerms().stream()
                .map(t -> Map.<String, Object>of("q", t)).toList();
        Duration phase = Duration.ofSeconds(BenchConfig.seconds());
        int coldSeconds = Math.max(1, products.size() / rate);

        PopulationBuilder coldReads = scenario("W4 product, cold").feed(listFeeder(cold).queue())
                .exec(http("W4 product, cold").get("/api/products/#{productId}").check(status().is(200)))
                .injectOpen(rampUsers(products.size()).during(Duration.ofSeconds(coldSeconds)));
        PopulationBuilder cachedReads = scenario("W4 product, cached").feed(listFeeder(hot).random())
                .exec(http("W4 product, cached").get("/api/products/#{productId}").check(status().is(200)))
                .injectClosed(constantConcurrentUsers(BenchConfig.concurrency()).during(phase));
        PopulationBuilder searches = scenario("W4 search").feed(listFeeder(terms).random())
                .exec(http("W4 search").get("/api/products").queryParam("q", "#{q}").queryParam("size", "20")
                        .check(status().is(200)))
                .injectClosed(constantConcurrentUsers(BenchConfig.concurrency()).during(phase));
        setUp(Common.mark("W4 cold start").andThen(coldReads.andThen(Common.mark("W4 cold end")
                .andThen(cachedReads.andThen(Common.mark("W4 cached end")
                        .andThen(searches.andThen(Common.mark("W4 search end"))))))))
                .protocols(Common.protocol());
    }

    @Override
    public void after() {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("ratePerSecond", BenchConfig.catalogRate());
        part.put("concurrency", BenchConfig.concurrency());
        part.put("cold", Marks.between("W4 cold start", "W4 cold end", fixture.productIds().size()));
        part.put("cached", Marks.between("W4 cold end", "W4 cached end", 0));
        part.put("search", Marks.between("W4 cached end", "W4 search end", 0));
        Parts.write("W4", part);
    }
}
