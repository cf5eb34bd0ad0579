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
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis side of a flash sale: one hash per sale ({@code remaining}, {@code limit}, window), one of units per
 * customer, one of the Idempotency-Keys that passed (with the ticket of a queued sale) and one of tickets, changed
 * only by Lua scripts so that every check-and-take is atomic. Calls are guarded by MP Fault Tolerance: a slow or dead
 * Redis fails fast (timeout) and, after repeated failures, is not even asked for a while (circuit breaker), so the
 * caller can degrade instead of queueing request threads behind it.
 */
@ApplicationScoped
public class FlashSaleGate {

    /** The Redis channel on which a sale's id is published whenever units come back to its gate. */
    public static final String RESTOCKED = "mall:flash:restocked";

    /** What the gate says about a request. */
    public enum Verdict {
        REPLAY, PASS, SOLD_OUT, CLOSED, OVER_LIMIT, NOT_LOADED;

        static Verdict of(long code) {
            return switch ((int) code) {
                case 2 -> REPLAY;
                case 1 -> PASS;
                case 0 -> SOLD_OUT;
                case -1 -> CLOSED;
                case -2 -> OVER_LIMIT;
                case -3 -> NOT_LOADED;
                default -> throw new IllegalStateException("unknown gate answer " + code);
            };
        }
    }

    /** The verdict and, for a replay, what the earlier request with the key recorded. */
    public record Answer(Verdict verdict, Optional<Passed> earlier) {
    }

    /**
     * What a request that passed the gate recorded under its Idempotency-Key: its ticket (empty for a synchronous
     * sale, whose order carries the key) and the units it asked for.
     */
    public record Passed(Optional<String> ticketId, int units) {

        static Passed parse(String ref) {
            int slash = ref.indexOf('/');
            String ticket = ref.substring(0, slash);
            return new Passed("-".equals(ticket) ? Optional.empty() : Optional.of(ticket),
                    Integer.parseInt(ref.substring(slash + 1)));
        }

        String ref() {
            return ticketId.orElse("-") + "/" + units;
        }
    }

    @Inject
    RedisScripts scripts;

    @Inject
    UnifiedJedis redis;

    // One hash tag per sale keeps all its keys in one slot, so the scripts also work on a Redis Cluster.
    static String saleKey(long saleId) {
        return "mall:flash:{" + saleId + "}";
    }

    static String buyersKey(long saleId) {
        return "mall:flash:{" + saleId + "}:buyers";
    }

    static String keysKey(long saleId) {
        return "mall:flash:{" + saleId + "}:keys";
    }

    static String ticketsKey(long saleId) {
        return "mall:flash:{" + saleId + "}:tickets";
    }

    private static List<String> keys(long saleId) {
        return List.of(saleKey(saleId), buyersKey(saleId), keysKey(saleId), ticketsKey(saleId));
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Answer take(long saleId, long customerId, String idempotencyKey, Passed pass, Instant now) {
        List<?> answer = (List<?>) scripts.run("flash-take", keys(saleId), List.of(Long.toString(customerId),
                Integer.toString(pass.units()), Long.toString(now.toEpochMilli()), idempotencyKey, pass.ref()));
        Verdict verdict = Verdict.of((Long) answer.get(0));
        return new Answer(verdict, verdict == Verdict.REPLAY
                ? Optional.of(Passed.parse(answer.get(1).toString())) : Optional.empty());
    }

    /**
     * Units back to the gate; with {@code forgetKey} the Idempotency-Key that took them is forgotten too (the order's
     * transaction rolled back: a retry is a new request). Every server hears of it on {@link #RESTOCKED}.
     */
    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public void giveBack(long saleId, long customerId, int units, Optional<String> forgetKey) {
        scripts.run("flash-give-back", keys(saleId).subList(0, 3), List.of(Long.toString(customerId),
                Integer.toString(units), forgetKey.orElse(""), Long.toString(saleId), RESTOCKED));
    }

    /** What a load did: replaced the state, loaded an absent sale, or left a busy or loaded one alone. */
    public record Load(boolean changed, boolean wasLoaded, long previousRemaining) {
    }

    /** An Idempotency-Key the databases know for a sale: its order's or ticket's. */
    public record KnownKey(long customerId, String idempotencyKey, Passed passed) {
    }

    /**
     * Sets the sale's gate state to {@code remaining}, {@code buyers} and {@code keys} (from the databases): if the
     * sale is not loaded, or — with {@code quietSince} — if no request has passed the gate since that moment. An
     * empty {@code quietSince} loads only an absent sale.
     */
    @Timeout(5000)
    public Load load(FlashSale sale, long remaining, Map<Long, Integer> buyers, List<KnownKey> keys, Instant now,
                     Optional<Instant> quietSince) {
        List<String> args = new ArrayList<>(List.of(Long.toString(remaining), Integer.toString(sale.perCustomerLimit()),
                Long.toString(sale.startsAt().toEpochMilli()), Long.toString(sale.endsAt().toEpochMilli()),
                Long.toString(ttl(sale, now).toMillis()),
                quietSince.map(t -> Long.toString(t.toEpochMilli())).orElse("absent"),
                Long.toString(sale.id()), RESTOCKED, Integer.toString(buyers.size()), Integer.toString(keys.size())));
        buyers.forEach((customer, units) -> {
            args.add(Long.toString(customer));
            args.add(Integer.toString(units));
        });
        for (KnownKey key : keys) {
            args.add(key.customerId() + ":" + key.idempotencyKey());
            args.add(key.passed().ref());
            args.add(key.passed().ticketId().orElse("-"));
        }
        List<?> answer = (List<?>) scripts.run("flash-load", keys(sale.id()), args);
        long status = (Long) answer.get(0);
        long previous = Long.parseLong(answer.get(1).toString());
        return new Load(status != 0, status != 2, previous);
    }

    /** The gate's remaining units and the moment of its last pass (epoch 0: none). */
    public record State(long remaining, Instant lastPass) {
    }

    /** The sale's gate state, empty if the sale is not loaded. */
    @Timeout(1000)
    public Optional<State> state(long saleId) {
        List<String> values = redis.hmget(saleKey(saleId), "remaining", "lastPass");
        if (values.get(0) == null) {
            return Optional.empty();
        }
        return Optional.of(new State(Long.parseLong(values.get(0)),
                Instant.ofEpochMilli(values.get(1) == null ? 0 : Long.parseLong(values.get(1)))));
    }

    /** The gate's remaining count, empty if the sale is not loaded. */
    @Timeout(1000)
    public Optional<Long> remaining(long saleId) {
        String value = redis.hget(saleKey(saleId), "remaining");
        return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
    }

    /**
     * Every purchase that ever passed the sale's gate, as {@link #passKey} names it: a sold-out marker lets a request
     * with one of these through to the gate (it may be a retry, and the gate gives its order or ticket back).
     */
    @Timeout(2000)
    public Set<String> passes(long saleId) {
        return Set.copyOf(redis.hkeys(keysKey(saleId)));
    }

    /** How the gate records a passed purchase: the customer and the Idempotency-Key (flash-take.lua's keyField). */
    public static String passKey(long customerId, String idempotencyKey) {
        return customerId + ":" + idempotencyKey;
    }

    /** The customer a queued ticket belongs to, while the gate knows the ticket. */
    @Timeout(1000)
    public Optional<Long> ticketOwner(long saleId, String ticketId) {
        return Optional.ofNullable(redis.hget(ticketsKey(saleId), ticketId)).map(Long::valueOf);
    }

    /** The gate's keys outlive the sale by a day (late expiries still give units back), then Redis drops them. */
    private static Duration ttl(FlashSale sale, Instant now) {
        Instant until = sale.endsAt().plus(1, ChronoUnit.DAYS);
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ofMinutes(1);
    }
}
