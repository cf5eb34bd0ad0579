package dev.mall.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
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
import dev.mall.bench.Prepare;
import dev.mall.bench.Stats;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * W5, a large sale that queues its orders: {@link BenchConfig#w5Units()} units (10,000), limit 1, and
 * {@link BenchConfig#w5Buyers()} distinct buyers (20,000) arriving within {@link BenchConfig#w5ArrivalSeconds()} s,
 * open loop, each on a connection of its own. Every buyer must be answered at once — 202 with a ticket, or 409 sold
 * out — and the orders are then created behind the answers by the sale's queue. The orders are counted in the orders
 * database (not by polling tickets) until all units are ordered, which times the queue's drain: from the last ticket
 * to the last order. A sample of tickets is polled to check they say ORDERED.
 * <p>
 * Uses the v2 contract (docs/API.md): the sale is created with {@code "queued": true}; a server without it answers
 * 201 or refuses the field, and the run reports W5 as not exact. Customers beyond the seeded ones are registered here
 * before anything is measured (limit 1: one buyer, one customer).
 */
public class W5LargeSaleSimulation extends Simulation {

    record Answer(int status, String type, int millis, long atMillis, String ticket, String token) {
    }

    static final ConcurrentLinkedQueue<Answer> ANSWERS = new ConcurrentLinkedQueue<>();
    static final int TICKETS_SAMPLED = 50;

    final Fixture fixture = Fixture.load();
    final Api api = new Api();
    final int units = BenchConfig.w5Units();
    final int buyers = BenchConfig.w5Buyers();
    final Path buyersCsv = buyersCsv();
    final long sku = newSku(units + units / 10 + 10);
    final long warmSale = createSale(Math.max(1, units / 100));
    final long sale = createSale(units);

    /** The seeded customers, and as many more of W5's own as it needs beyond them. */
    Path buyersCsv() {
        List<String> seeded;
        try {
            seeded = Files.readAllLines(Fixture.customersCsv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Prepare.buyersCsv(api, "W5", seeded.subList(0, Math.min(seeded.size(), buyers + 1)),
                buyers - (seeded.size() - 1), "w5-buyers.csv");
    }

    long newSku(int stock) {
        String admin = fixture.adminToken();
        String name = "w5 " + UUID.randomUUID().toString().substring(0, 8);
        long category = api.post("/api/admin/categories", admin, Map.of("name", name)).expect(201).json()
                .get("id").asLong();
        return api.post("/api/admin/products", admin, Map.of("name", "large sale " + name, "description",
                        "bench W5", "categoryId", category, "skus", List.of(Map.of("name", "unit", "price", "9.99",
                                "initialStock", stock))))
                .expect(201).json().get("skus").get(0).get("id").asLong();
    }

    long createSale(int quantity) {
        Instant now = Instant.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("skuId", sku);
        body.put("quantity", quantity);
        body.put("perCustomerLimit", 1);
        body.put("price", "1.00");
        body.put("startsAt", now.minusSeconds(1).toString());
        body.put("endsAt", now.plusSeconds(3600).toString());
        body.put("queued", true);
        return api.post("/api/admin/flash-sales", fixture.adminToken(), body).expect(201).json().get("id").asLong();
    }

    static ScenarioBuilder buy(String name, long saleId, FeederBuilder<String> feeder, boolean record) {
        return scenario(name)
                .feed(feeder)
                .exec(session -> session.set("key", "w5-" + UUID.randomUUID()))
                .exec(http(name).post("/api/flash-sales/" + saleId + "/orders")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "#{key}")
                        .body(StringBody("{\"quantity\":1}"))
                        .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"),
                                header("Location").optional().saveAs("ticket"),
                                jsonPath("$.type").optional().saveAs("type"), status().in(202, 409)))
                .exec(session -> {
                    if (record) {
                        String type = session.contains("type") ? session.getString("type") : "";
                        ANSWERS.add(new Answer(session.contains("status") ? session.getInt("status") : -1,
                                type.substring(type.lastIndexOf('/') + 1),
                                session.contains("rt") ? session.getInt("rt") : -1, System.currentTimeMillis(),
                                session.contains("ticket") ? session.getString("ticket") : null,
                                session.getString("token")));
                    }
                    return session;
                });
    }

    {
        HttpProtocolBuilder ownConnections = http.baseUrl(BenchConfig.baseUrl()).acceptHeader("application/json")
                .contentTypeHeader("application/json").disableCaching();
        int warmBuyers = Math.min(buyers, Math.max(1, buyers / 20));
        setUp(buy("W5 warm-up buy", warmSale, csv(buyersCsv.toString()).random(), false)
                .injectOpen(rampUsers(warmBuyers).during(java.time.Duration.ofSeconds(5)))
                .andThen(Common.mark("W5 start")
                        .andThen(buy("W5 buy", sale, csv(buyersCsv.toString()).queue(), true)
                                .injectOpen(rampUsers(buyers).during(
                                        java.time.Duration.ofSeconds(BenchConfig.w5ArrivalSeconds())))
                                .andThen(Common.mark("W5 end")))))
                .protocols(ownConnections);
    }

    @Override
    public void after() {
        Map<Integer, Long> counts = new TreeMap<>();
        Map<String, Long> byType = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        List<Answer> tickets = new ArrayList<>();
        long firstTicket = Long.MAX_VALUE;
        long lastTicket = Long.MIN_VALUE;
        for (Answer answer : ANSWERS) {
            counts.merge(answer.status(), 1L, Long::sum);
            byType.merge((answer.status() + " " + answer.type()).trim(), 1L, Long::sum);
            all.add(answer.millis() * 1_000_000L);
            if (answer.status() == 202) {
                tickets.add(answer);
                firstTicket = Math.min(firstTicket, answer.atMillis());
                lastTicket = Math.max(lastTicket, answer.atMillis());
            }
        }
        long ticketCount = tickets.size();
        long soldOut = counts.getOrDefault(409, 0L);

        // The queue drains behind the answers: count the sale's orders until all tickets have one (or nothing moves).
        // From here on the queue runs alone: its CPU per order, measured without the crowd, is what the report
        // subtracts from the answers' phase to estimate what the answers themselves cost.
        long orders = OrdersDb.flashSaleOrders(sale);
        long ordersDuringAnswers = orders;
        Marks.mark("W5 queue alone start");
        long lastOrderSeen = System.currentTimeMillis();
        long deadline = System.currentTimeMillis() + 15 * 60_000L;
        while (System.currentTimeMillis() < deadline) {
            long now = OrdersDb.flashSaleOrders(sale);
            if (now != orders) {
                orders = now;
                lastOrderSeen = System.currentTimeMillis();
            }
            if (orders >= ticketCount || System.currentTimeMillis() - lastOrderSeen > 30_000) {
                break;
            }
            pause(100);
        }
        Marks.mark("W5 queue alone end");
        Map<String, Long> sampled = new TreeMap<>();
        for (int i = 0; i < Math.min(TICKETS_SAMPLED, tickets.size()); i++) {
            Answer ticket = tickets.get(i * tickets.size() / Math.min(TICKETS_SAMPLED, tickets.size()));
            if (ticket.ticket() == null) {
                sampled.merge("no Location", 1L, Long::sum);
                continue;
            }
            // Location may be absolute or a path; the bench's client adds the base itself.
            Api.Answer polled = api.get(java.net.URI.create(ticket.ticket()).getRawPath(), ticket.token());
            String status = polled.status() == 200 ? polled.json().path("status").asText() : "HTTP " + polled.status();
            sampled.merge(status, 1L, Long::sum);
        }
        JsonNode saleNow = api.get("/api/flash-sales/" + sale, null).expect(200).json();
        long remaining = saleNow.path("remaining").asLong(-1);
        boolean exact = ticketCount == units && orders == units && remaining == 0 && soldOut == buyers - units
                && counts.keySet().stream().allMatch(s -> s == 202 || s == 409);

        Map<String, Object> part = new LinkedHashMap<>();
        part.put("saleId", sale);
        part.put("units", units);
        part.put("buyers", buyers);
        part.put("arrivalSeconds", BenchConfig.w5ArrivalSeconds());
        Map<String, Long> answers = new LinkedHashMap<>();
        counts.forEach((status, n) -> answers.put(Integer.toString(status), n));
        part.put("answers", answers);
        // By problem type too: a buyer who passed the gate and was not answered 202 shows here why.
        part.put("answersByType", byType);
        part.put("ordersInDatabase", orders);
        part.put("gateRemaining", remaining);
        part.put("ticketsSampled", sampled);
        part.put("exact", exact);
        part.put("answerLatencyMs", Stats.percentilesMillis(all));
        part.put("phase", Marks.between("W5 start", "W5 end", ANSWERS.size()));
        part.put("ordersDuringAnswers", ordersDuringAnswers);
        part.put("queueAlone", Marks.between("W5 queue alone start", "W5 queue alone end", orders - ordersDuringAnswers));
        if (ticketCount > 0) {
            double drain = (lastOrderSeen - lastTicket) / 1000.0;
            double span = (lastOrderSeen - firstTicket) / 1000.0;
            part.put("ticketsSeconds", (lastTicket - firstTicket) / 1000.0);
            part.put("lastTicketToLastOrderSeconds", drain);
            part.put("ordersPerSecondFirstTicketToLastOrder", span > 0 ? orders / span : 0);
        }
        part.put("audit", Audit.run("W5"));
        Parts.write("W5", part);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
