package dev.mall.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the suite needs to know about the stack it measures, all from the environment that {@code bin/mall bench}
 * exports (the same MALL_* variables the application reads), and the size of each workload. Every duration and rate
 * can be changed by an environment variable so that a quick trial run and the full run use the same code.
 */
public final class BenchConfig {

    private BenchConfig() {
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    public static double doubleEnv(String name, double fallback) {
        return Double.parseDouble(env(name, Double.toString(fallback)));
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + env("MALL_HTTP_PORT", "9180");
    }

    /** Where /metrics answers: Liberty keeps it on HTTPS, for its administrator. */
    public static String httpsBaseUrl() {
        return "https://127.0.0.1:" + env("MALL_HTTPS_PORT", "9543");
    }

    public static Path out() {
        return Path.of(env("MALL_BENCH_OUT", "../target/bench")).toAbsolutePath().normalize();
    }

    // --- databases and broker (baselines B2, B3; settling and counting orders) ---

    public static String jdbcUrl(String database) {
        return "jdbc:mysql://" + env("MALL_DB_HOST", "127.0.0.1") + ":" + env("MALL_DB_PORT", "3316") + "/" + database
                + "?allowPublicKeyRetrieval=true&useSSL=false&connectTimeout=5000";
    }

    public static String ordersDb() {
        return env("MALL_DB_ORDERS", "mall_bench_orders");
    }

    public static String inventoryDb() {
        return env("MALL_DB_INVENTORY", "mall_bench_inventory");
    }

    public static String dbUser() {
        return env("MALL_DB_USER", "mall");
    }

    public static String dbPassword() {
        return env("MALL_DB_PASSWORD", "");
    }

    public static String brokerHost() {
        return env("MALL_BROKER_HOST", "127.0.0.1");
    }

    public static int brokerPort() {
        return intEnv("MALL_BROKER_PORT", 61626);
    }

    public static String brokerUser() {
        return env("MALL_BROKER_USER", "mall");
    }

    public static String brokerPassword() {
        return env("MALL_BROKER_PASSWORD", "");
    }

    public static String reservationTimeout() {
        return env("MALL_RESERVATION_TIMEOUT", "PT15M");
    }

    // --- the size of the run ---

    /** Closed-loop workloads and baselines: this many clients, each sending its next request when the last answered. */
    public static int concurrency() {
        return intEnv("MALL_BENCH_CONCURRENCY", 16);
    }

    /** Length of each measured phase, seconds. */
    public static int seconds() {
        return intEnv("MALL_BENCH_SECONDS", 30);
    }

    /** Warm-up before each measured phase, seconds (not counted). */
    public static int warmup() {
        return intEnv("MALL_BENCH_WARMUP", 10);
    }

    /**
     * W1's warm-up, seconds: longer than the others because profiling showed HotSpot's C2 compiler still busy with
     * the order path's deep container call chains a minute into it (docs/BENCHMARKS.md, "Profiling W1").
     */
    public static int w1Warmup() {
        return intEnv("MALL_BENCH_W1_WARMUP", 60);
    }

    /** Products seeded for W1 (and read once each, cold, by W4); each has two SKUs. */
    public static int products() {
        return intEnv("MALL_BENCH_PRODUCTS", 500);
    }

    /** Customers registered (every one of them buys once in W3). */
    public static int customers() {
        return intEnv("MALL_BENCH_CUSTOMERS", 5000);
    }

    /** W1's open-loop phase arrives at this fraction of the capacity W1 measured closed-loop. */
    public static double openLoopLoad() {
        return doubleEnv("MALL_BENCH_OPEN_LOAD", 0.6);
    }

    /**
     * W1's open-loop arrival rate, orders per second, when set (MALL_BENCH_W1_OPEN_RATE): instead of
     * {@link #openLoopLoad()} of this run's capacity. bench/bench.sh sets it for the tracing runs, so that their
     * latencies are compared at one load. 0 (the default): from the capacity.
     */
    public static double w1OpenRate() {
        return doubleEnv("MALL_BENCH_W1_OPEN_RATE", 0);
    }

    public static int flashUnits() {
        return intEnv("MALL_BENCH_W3_UNITS", 100);
    }

    /**
     * W3's sale queues its orders (v2: winners answered 202 with a ticket, orders created by the queue), as every sale
     * does by default; 0 places them while the buyer waits (201), to compare what the winners' transactions cost the
     * crowd.
     */
    public static boolean flashQueued() {
        return intEnv("MALL_BENCH_W3_QUEUED", 1) != 0;
    }

    /**
     * W3's warm-up buyers: customers of their own, registered by W3 (so that the measured buyers' tokens are still
     * new to the server), buying from a warm-up sale as large as the measured one, within W3's arrival time: enough
     * requests for the JIT compiler to finish the answer's and the winners' paths before W3 measures.
     */
    public static int flashWarmupBuyers() {
        return Math.max(1, intEnv("MALL_BENCH_W3_WARMUP_BUYERS", 2000));
    }

    /** W3's buyers all arrive within this many seconds (open loop, evenly spread). */
    public static int flashArrivalSeconds() {
        return intEnv("MALL_BENCH_W3_ARRIVAL", 10);
    }

    /** W5, a large sale: its units. */
    public static int w5Units() {
        return intEnv("MALL_BENCH_W5_UNITS", 10_000);
    }

    /**
     * W5's buyers, each a customer of its own (limit 1 per customer): the seeded customers and as many more as it
     * takes, registered by W5 before it measures.
     */
    public static int w5Buyers() {
        return intEnv("MALL_BENCH_W5_BUYERS", 20_000);
    }

    /** W5's buyers all arrive within this many seconds (open loop, evenly spread). */
    public static int w5ArrivalSeconds() {
        return intEnv("MALL_BENCH_W5_ARRIVAL", 20);
    }

    /** W4's arrival rate (requests per second) of each phase. */
    public static int catalogRate() {
        return intEnv("MALL_BENCH_W4_RATE", 50);
    }

    /** Processes whose CPU time the suite reads: "liberty=123,mariadb=456,...", set by bin/mall bench. */
    public static Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : env("MALL_BENCH_PIDS", "").split(",")) {
            String[] parts = pair.split("=");
            if (parts.length == 2 && !parts[1].isBlank()) {
                pids.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
            }
        }
        return pids;
    }

    /** The scale of the run, as recorded in the summary. */
    public static Map<String, Object> describe() {
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("concurrency", concurrency());
        scale.put("phaseSeconds", seconds());
        scale.put("warmupSeconds", warmup());
        scale.put("w1WarmupSeconds", w1Warmup());
        scale.put("products", products());
        scale.put("skus", products() * 2);
        scale.put("customers", customers());
        scale.put("openLoopLoad", openLoopLoad());
        scale.put("flashUnits", flashUnits());
        scale.put("flashArrivalSeconds", flashArrivalSeconds());
        scale.put("flashWarmupBuyers", flashWarmupBuyers());
        scale.put("flashQueued", flashQueued());
        scale.put("catalogRate", catalogRate());
        scale.put("w5Units", w5Units());
        scale.put("w5Buyers", w5Buyers());
        scale.put("w5ArrivalSeconds", w5ArrivalSeconds());
        return scale;
    }
}
