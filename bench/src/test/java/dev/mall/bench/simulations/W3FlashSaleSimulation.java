package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
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
import dev.mall.bench.Prepare;
import dev.mall.bench.Stats;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * W3: a flash sale of {@link BenchConfig#flashUnits()} units, limit 1 per customer, and every seeded customer (5000)
 * trying to buy one, all arriving within {@link BenchConfig#flashArrivalSeconds()} seconds (open loop), each on a
 * connection of its own as distinct buyers do. Exactly that many orders must exist afterwards, every other buyer must
 * have been answered 409 sold out, the gate must show 0 remaining, and the audit must pass. A warm-up sale of the
 * same size first, bought by {@link BenchConfig#flashWarmupBuyers()} customers of its own (registered here, so that
 * the measured buyers' tokens are still new to the server, as a crowd's are), lets the JIT compiler finish the
 * paths before W3 measures (a JFR of W3's window found C2 still compiling after a 500-buyer warm-up). With
 * {@code MALL_BENCH_W3_QUEUED=1} the sales queue their orders: winners are answered 202 with a ticket and the orders
 * are counted in the database once the queue has created them.
 * <p>
 * Then, with the sale sold out, its <b>sold-out capacity</b>: {@link BenchConfig#concurrency()} closed-loop clients
 * buying it again for {@link BenchConfig#seconds()} seconds, each request on a connection of its own — B6's shape, so
 * that the answers/s and Liberty's CPU per answer compare with B6's no-op request. (The crowd above arrives at
 * buyers ÷ arrival seconds, which bounds its answers/s, whatever the server could do.) These clients reuse the
 * measured buyers' tokens; a winner's token is answered 409 like anyone's while a server's sold-out marker stands,
 * else 422 over the limit by the gate (the marker lives 2 s, and a winner may be the first to find it gone).
 */
public class W3FlashSaleSimulation extends Simulation {

    record Answer(int status, int millis, long atMillis) {
    }

    static final ConcurrentLinkedQueue<Answer> ANSWERS = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<Answer> CAPACITY = new ConcurrentLinkedQueue<>();

    final Fixture fixture = Fixture.load();
    final Api api = new Api();
    final Path warmBuyersCsv = warmBuyers();
    final long warmSale = createSale(BenchConfig.flashUnits());
    final long sale = createSale(BenchConfig.flashUnits());
    final int buyers = (int) fixture.customerCount();
    static final boolean QUEUED = BenchConfig.flashQueued();
    static final int WON = QUEUED ? 202 : 201;

    Path warmBuyers() {
        return Prepare.buyersCsv(api, "W3", List.of("customerId,token"), BenchConfig.flashWarmupBuyers(),
                "w3-warmup-buyers.csv");
    }

    long createSale(int units) {
        Instant now = Instant.now();
        return api.post("/api/admin/flash-sales", fixture.adminToken(), Map.of("skuId", fixture.flashSku(),
                        "quantity", units, "perCustomerLimit", 1, "price", "1.00",
                        "startsAt", now.minusSeconds(1).toString(), "endsAt", now.plusSeconds(1800).toString(),
                        "queued", QUEUED))
                .expect(201).json().get("id").asLong();
    }

    /** {@code answers}: the statuses that are right for this phase (anything else fails the request in Gatling). */
    static ScenarioBuilder buy(String name, long saleId, FeederBuilder<String> feeder,
            ConcurrentLinkedQueue<Answer> record, Integer... answers) {
        return scenario(name)
                .feed(feeder)
                .exec(session -> session.set("key", "w3-" + UUID.randomUUID()))
                .exec(http(name).post("/api/flash-sales/" + saleId + "/orders")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "#{key}")
                        .body(StringBody("{\"quantity\":1}"))
                        .check(status().in(answers).saveAs("status"), responseTimeInMillis().saveAs("rt")))
                .exec(session -> {
                    if (record != null) {
                        record.add(new Answer(session.contains("status") ? session.getInt("status") : -1,
                                session.contains("rt") ? session.getInt("rt") : -1, System.currentTimeMillis()));
                    }
                    return session;
                });
    }

    {
        HttpProtocolBuilder ownConnections = http.baseUrl(BenchConfig.baseUrl()).acceptHeader("application/json")
                .contentTypeHeader("application/json").disableCaching();
        setUp(buy("W3 warm-up buy", warmSale, csv(warmBuyersCsv.toString()).queue(), null, WON, 409)
                .injectOpen(rampUsers(BenchConfig.flashWarmupBuyers())
                        .during(Duration.ofSeconds(BenchConfig.flashArrivalSeconds())))
                .andThen(Common.mark("W3 start")
                        .andThen(buy("W3 buy", sale, Common.customers().queue(), ANSWERS, WON, 409)
                                .injectOpen(rampUsers(buyers).during(Duration.ofSeconds(BenchConfig.flashArrivalSeconds())))
                                .andThen(Common.mark("W3 end")
                                        .andThen(Common.mark("W3 capacity start")
                                                .andThen(buy("W3 sold out", sale, Common.customers().circular(), CAPACITY, 409, 422)
                                                        .injectClosed(constantConcurrentUsers(BenchConfig.concurrency())
                                                                .during(Duration.ofSeconds(BenchConfig.seconds())))
                                                        .andThen(Common.mark("W3 capacity end"))))))))
                .protocols(ownConnections);
    }

    @Override
    public void after() {
        Map<Integer, List<Long>> byStatus = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        long firstSoldOut = Long.MAX_VALUE;
        long lastSoldOut = Long.MIN_VALUE;
        long firstAnswer = Long.MAX_VALUE;
        long lastAnswer = Long.MIN_VALUE;
        for (Answer answer : ANSWERS) {
            byStatus.computeIfAbsent(answer.status(), s -> new ArrayList<>()).add(answer.millis() * 1_000_000L);
            all.add(answer.millis() * 1_000_000L);
            firstAnswer = Math.min(firstAnswer, answer.atMillis());
            lastAnswer = Math.max(lastAnswer, answer.atMillis());
            if (answer.status() == 409) {
                firstSoldOut = Math.min(firstSoldOut, answer.atMillis());
                lastSoldOut = Math.max(lastSoldOut, answer.atMillis());
            }
        }
        long created = byStatus.getOrDefault(WON, List.of()).size();
        long soldOut = byStatus.getOrDefault(409, List.of()).size();
        long orders = OrdersDb.flashSaleOrders(sale);
        // A queued sale's orders are created behind the answers: wait until they are all there, or nothing moves.
        long lastChange = System.currentTimeMillis();
        while (QUEUED && orders < created && System.currentTimeMillis() - lastChange < 30_000) {
            W5LargeSaleSimulation.pause(200);
            long now = OrdersDb.flashSaleOrders(sale);
            if (now != orders) {
                orders = now;
                lastChange = System.currentTimeMillis();
            }
        }
        long remaining = api.get("/api/flash-sales/" + sale, null).expect(200).json().get("remaining").asLong();
        int units = BenchConfig.flashUnits();
        boolean exact = created == units && orders == units && remaining == 0 && soldOut == buyers - units
                && byStatus.keySet().stream().allMatch(s -> s == WON || s == 409);

        Map<String, Object> part = new LinkedHashMap<>();
        part.put("saleId", sale);
        part.put("units", units);
        part.put("buyers", buyers);
        part.put("arrivalSeconds", BenchConfig.flashArrivalSeconds());
        part.put("queued", QUEUED);
        Map<String, Long> counts = new LinkedHashMap<>();
        byStatus.forEach((status, list) -> counts.put(Integer.toString(status), (long) list.size()));
        part.put("answers", counts);
        part.put("ordersInDatabase", orders);
        part.put("gateRemaining", remaining);
        part.put("exact", exact);
        double soldOutSpan = soldOut > 1 ? (lastSoldOut - firstSoldOut) / 1000.0 : 0;
        part.put("soldOutSpanSeconds", soldOutSpan);
        part.put("soldOutPerSecond", soldOutSpan > 0 ? (soldOut - 1) / soldOutSpan : 0);
        part.put("soldOutLatencyMs", Stats.percentilesMillis(byStatus.getOrDefault(409, List.of())));
        part.put("createdLatencyMs", Stats.percentilesMillis(byStatus.getOrDefault(WON, List.of())));
        // The article's figure (4800 QPS at 45 ms for 5000 users) counts every answer of the sale, so does this one.
        double answerSpan = all.size() > 1 ? (lastAnswer - firstAnswer) / 1000.0 : 0;
        part.put("answersPerSecond", answerSpan > 0 ? (all.size() - 1) / answerSpan : 0);
        part.put("answerLatencyMs", Stats.percentilesMillis(all));
        part.put("phase", Marks.between("W3 start", "W3 end", ANSWERS.size()));
        part.put("soldOutCapacity", capacity());
        part.put("audit", Audit.run("W3"));
        Parts.write("W3", part);
    }

    /** The closed-loop phase on the sold-out sale: its answers by status, answers/s, latency and CPU per answer. */
    private static Map<String, Object> capacity() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        List<Long> soldOut = new ArrayList<>();
        for (Answer answer : CAPACITY) {
            byStatus.merge(answer.status(), 1L, Long::sum);
            if (answer.status() == 409) {
                soldOut.add(answer.millis() * 1_000_000L);
            }
        }
        Map<String, Object> capacity = new LinkedHashMap<>();
        capacity.put("concurrency", BenchConfig.concurrency());
        Map<String, Long> counts = new LinkedHashMap<>();
        byStatus.forEach((status, n) -> counts.put(Integer.toString(status), n));
        capacity.put("answers", counts);
        Map<String, Object> phase = Marks.between("W3 capacity start", "W3 capacity end", soldOut.size());
        capacity.put("soldOutPerSecond", phase.getOrDefault("unitsPerSecond", 0.0));
        capacity.put("soldOutLatencyMs", Stats.percentilesMillis(soldOut));
        capacity.put("phase", phase);
        return capacity;
    }
}
