package dev.mall.flashsale.control;

import dev.mall.flashsale.entity.FlashSale;
import dev.mall.platform.redis.RedisScripts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import redis.clients.jedis.RedisClient;

/**
 * The Redis side of a flash sale: one hash per sale ({@code remaining}, {@code limit}, window) and one hash of units
 * per customer, changed only by Lua scripts so that every check-and-take is atomic. Calls are guarded by MP Fault
 * Tolerance: a slow or dead Redis fails fast (timeout) and, after repeated failures, is not even asked for a while
 * (circuit breaker), so the caller can degrade instead of queueing request threads behind it.
 */
@ApplicationScoped
public class FlashSaleGate {

    /** What the gate says about a request. */
    public enum Verdict {
        PASS, SOLD_OUT, CLOSED, OVER_LIMIT, NOT_LOADED;

        static Verdict of(long code) {
            return switch ((int) code) {
                case 1 -> PASS;
                case 0 -> SOLD_OUT;
                case -1 -> CLOSED;
                case -2 -> OVER_LIMIT;
                case -3 -> NOT_LOADED;
                default -> throw new IllegalStateException("unknown gate answer " + code);
            };
        }
    }

    @Inject
    RedisScripts scripts;

    @Inject
    RedisClient redis;

    static String saleKey(long saleId) {
        // One hash tag per sale keeps both keys in one slot, so the scripts also work on a Redis Cluster.
        return "mall:flash:{" + saleId + "}";
    }

    static String buyersKey(long saleId) {
        return "mall:flash:{" + saleId + "}:buyers";
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Verdict take(long saleId, long customerId, int units, Instant now) {
        Object answer = scripts.run("flash-take", List.of(saleKey(saleId), buyersKey(saleId)),
                List.of(Long.toString(customerId), Integer.toString(units), Long.toString(now.toEpochMilli())));
        return Verdict.of((Long) answer);
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public void giveBack(long saleId, long customerId, int units) {
        scripts.run("flash-give-back", List.of(saleKey(saleId), buyersKey(saleId)),
                List.of(Long.toString(customerId), Integer.toString(units)));
    }

    /** What a load did: replaced the state, loaded an absent sale, or left a busy or loaded one alone. */
    public record Load(boolean changed, boolean wasLoaded, long previousRemaining) {
    }

    /**
     * Sets the sale's gate state to {@code remaining} and {@code buyers} (from the databases): if the sale is not
     * loaded, or — with {@code quietSince} — if no request has passed the gate since that moment. An empty
     * {@code quietSince} loads only an absent sale.
     */
    @Timeout(5000)
    public Load load(FlashSale sale, long remaining, Map<Long, Integer> buyers, Instant now, Optional<Instant> quietSince) {
        List<String> args = new ArrayList<>(List.of(Long.toString(remaining), Integer.toString(sale.perCustomerLimit()),
                Long.toString(sale.startsAt().toEpochMilli()), Long.toString(sale.endsAt().toEpochMilli()),
                Long.toString(ttl(sale, now).toMillis()),
                quietSince.map(t -> Long.toString(t.toEpochMilli())).orElse("absent")));
        buyers.forEach((customer, units) -> {
            args.add(Long.toString(customer));
            args.add(Integer.toString(units));
        });
        List<?> answer = (List<?>) scripts.run("flash-load", List.of(saleKey(sale.id()), buyersKey(sale.id())), args);
        long status = (Long) answer.get(0);
        long previous = Long.parseLong(answer.get(1).toString());
        return new Load(status != 0, status != 2, previous);
    }

    /** The gate's remaining count, empty if the sale is not loaded. */
    @Timeout(1000)
    public Optional<Long> remaining(long saleId) {
        String value = redis.hget(saleKey(saleId), "remaining");
        return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
    }

    /** The gate's keys outlive the sale by a day (late expiries still give units back), then Redis drops them. */
    private static Duration ttl(FlashSale sale, Instant now) {
        Instant until = sale.endsAt().plus(1, ChronoUnit.DAYS);
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ofMinutes(1);
    }
}
