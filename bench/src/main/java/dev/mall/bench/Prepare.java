package dev.mall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Step 1 of a run (before the Gatling simulations): seeds the shop through its own API — a category, the products and
 * SKUs W1 orders and W4 reads, two hot SKUs for W2 (one split into stock buckets), a SKU for W3's flash sale, and the
 * customers with their access tokens — then measures baselines B2 and B3 on the same databases and broker, and the
 * article's alternatives to XA on the same work: B7 (transactional outbox, {@link OutboxBaseline}) and B8 (TCC by hand,
 * {@link TccBaseline}).
 */
public final class Prepare {

    static final String[] WORDS = {"oolong", "assam", "sencha", "darjeeling", "rooibos", "matcha", "espresso",
            "arabica", "robusta", "mocha", "ceylon", "jasmine", "chai", "kenya", "sumatra", "yunnan"};
    static final int STOCK = 1_000_000;
    static final int HOT_BUCKETS = 8;

    private Prepare() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(BenchConfig.out().resolve("parts"));
        Api api = new Api();
        String admin = api.adminToken();
        String run = Long.toString(System.currentTimeMillis(), 36);

        long category = api.post("/api/admin/categories", admin, Map.of("name", "bench " + run)).expect(201)
                .json().get("id").asLong();
        int products = BenchConfig.products();
        List<JsonNode> created = parallel(8, products, i -> api.post("/api/admin/products", admin, Map.of(
                "name", WORDS[i % WORDS.length] + " " + WORDS[(i / WORDS.length) % WORDS.length] + " blend " + i,
                "description", "Bench product " + i + " of run " + run + ": a " + WORDS[(i * 7) % WORDS.length]
                        + " selection, loose leaf or beans, " + WORDS[(i * 3) % WORDS.length] + " notes.",
                "categoryId", category,
                "skus", List.of(Map.of("name", "100 g", "price", price(i, 0), "initialStock", STOCK),
                        Map.of("name", "250 g", "price", price(i, 1), "initialStock", STOCK))))
                .expect(201).json());
        List<Long> productIds = new ArrayList<>();
        List<Long> skuIds = new ArrayList<>();
        for (JsonNode product : created) {
            productIds.add(product.get("id").asLong());
            product.get("skus").forEach(sku -> skuIds.add(sku.get("id").asLong()));
        }
        Collections.sort(skuIds);
        long hot = singleSku(api, admin, category, "hot single row " + run, STOCK);
        long hotBucketed = singleSku(api, admin, category, "hot bucketed " + run, STOCK);
        api.put("/api/admin/skus/" + hotBucketed + "/buckets", admin, Map.of("count", HOT_BUCKETS)).expect(200);
        long flash = singleSku(api, admin, category, "flash " + run, 10 * BenchConfig.flashUnits());
        log("seeded %d products (%d SKUs) and 3 hot SKUs in %.1f s", products, skuIds.size(), since(started));

        long customersStarted = System.nanoTime();
        int customers = BenchConfig.customers();
        List<String> rows = registerCustomers(api, run, customers);
        try {
            List<String> lines = new ArrayList<>();
            lines.add("customerId,token");
            lines.addAll(rows);
            Files.write(Fixture.customersCsv(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log("registered and logged in %d customers in %.1f s", customers, since(customersStarted));

        List<String> terms = new ArrayList<>(List.of(WORDS));
        terms.add("oolong blend");
        terms.add("arabica beans");
        Fixture fixture = new Fixture(admin, productIds, skuIds, hot, hotBucketed, HOT_BUCKETS, flash, terms, customers);
        fixture.save();
        Json.writeFile(BenchConfig.out().resolve("parts/seed.json"), Map.of(
                "products", products, "skus", skuIds.size(), "customers", customers,
                "seconds", since(started), "scale", BenchConfig.describe()));

        List<Long> customerIds = rows.stream().map(r -> Long.parseLong(r.substring(0, r.indexOf(',')))).toList();
        if (!Boolean.getBoolean("bench.skip.baselines")) {
            new MoneyPathBaseline(MoneyPathBaseline.Mode.LOCAL_JDBC, skuIds, customerIds).runAndRecord("B2");
            new MoneyPathBaseline(MoneyPathBaseline.Mode.RAW_XA, skuIds, customerIds).runAndRecord("B3");
            Parts.write("baselines-audit", Map.of("audit", Audit.run("B2 and B3")));
        }
        // The article's alternatives to XA on the same work, each followed by the stock audit of everything so far.
        if (!Boolean.getBoolean("bench.skip.B7")) {
            new OutboxBaseline(skuIds, customerIds).runAndRecord("B7");
            Parts.write("B7-audit", Map.of("audit", Audit.run("B7")));
        }
        if (!Boolean.getBoolean("bench.skip.B8")) {
            new TccBaseline(skuIds, customerIds).runAndRecord("B8");
            Parts.write("B8-audit", Map.of("audit", Audit.run("B8")));
        }
        log("prepared in %.1f s", since(started));
        // Maven's exec:java closes this class loader when main returns; the driver's cleanup thread must not outlive it.
        com.mysql.cj.jdbc.AbandonedConnectionCleanupThread.checkedShutdown();
    }

    /** Registers and logs in {@code count} new customers; "customerId,token" each, as in customers.csv. */
    public static List<String> registerCustomers(Api api, String tag, int count) throws Exception {
        String password = "bench password " + tag;
        return parallel(8, count, i -> {
            String email = "bench-" + tag + "-" + i + "@bench.mall.test";
            long id = api.post("/api/auth/register", null, Map.of("email", email, "password", password,
                    "displayName", "Buyer " + i)).expect(201).json().get("id").asLong();
            return id + "," + api.login(email, password);
        });
    }

    /**
     * A workload's feeder of buyers: the {@code leading} lines, then {@code count} customers of the workload's own,
     * registered and logged in now; written to the bench's output as {@code fileName}.
     */
    public static Path buyersCsv(Api api, String workload, List<String> leading, int count,
            String fileName) {
        try {
            List<String> lines = new ArrayList<>(leading);
            if (count > 0) {
                long started = System.nanoTime();
                String tag = workload.toLowerCase(Locale.ROOT) + "-"
                        + Long.toString(System.currentTimeMillis(), 36);
                lines.addAll(registerCustomers(api, tag, count));
                log("%s: registered and logged in %d customers of its own in %.1f s", workload, count, since(started));
            }
            Path file = BenchConfig.out().resolve(fileName);
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(workload + ": could not register its buyers", e);
        }
    }

    private static String price(int i, int size) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", 4 + (i % 20) + size * 6, (i * 37) % 100);
    }

    private static long singleSku(Api api, String admin, long category, String name, int stock) {
        return api.post("/api/admin/products", admin, Map.of("name", name, "description", "bench " + name,
                        "categoryId", category, "skus", List.of(Map.of("name", "unit", "price", "9.99",
                                "initialStock", stock))))
                .expect(201).json().get("skus").get(0).get("id").asLong();
    }

    /** Runs {@code task} for 0..count-1 on {@code threads} threads; results in index order. */
    static <T> List<T> parallel(int threads, int count, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The customer id in an access token ({@code sub}), without verifying it. */
    static long subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return Json.parse(payload).get("sub").asLong();
    }

    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
