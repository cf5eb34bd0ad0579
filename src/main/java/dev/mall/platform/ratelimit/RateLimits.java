package dev.mall.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import dev.mall.platform.problem.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The front gate against bots (the article's rate limiting before the flash-sale gate): a token bucket per customer
 * and one per client address, refilled at {@code per-second} with room for {@code burst}. Buckets live in this
 * server's memory — a request costs no network call — so the limits hold per server: behind a balancer of N servers a
 * client that is spread over all of them gets up to N times the rate (docs/CONFIGURATION.md). A rate of 0 turns that
 * limit off. Idle buckets are forgotten after a minute.
 */
@ApplicationScoped
public class RateLimits {

    public static final String LIMITED_METRIC = "mall.rate.limited";

    @Inject
    @ConfigProperty(name = "mall.rate-limit.customer.per-second", defaultValue = "5")
    long customerRate;

    @Inject
    @ConfigProperty(name = "mall.rate-limit.customer.burst", defaultValue = "10")
    long customerBurst;

    @Inject
    @ConfigProperty(name = "mall.rate-limit.address.per-second", defaultValue = "500")
    long addressRate;

    @Inject
    @ConfigProperty(name = "mall.rate-limit.address.burst", defaultValue = "1000")
    long addressBurst;

    private Cache<Long, Bucket> customers;
    private Cache<String, Bucket> addresses;
    private Cache<Long, Bucket> presented;

    @PostConstruct
    void init() {
        customers = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).maximumSize(1_000_000).build();
        addresses = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).maximumSize(100_000).build();
        presented = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).maximumSize(1_000_000).build();
    }

    /**
     * Takes one token for the address and, if known, one for the customer; empty if both had one, else how long until
     * the one that refused will have a token again. A refused request takes nothing from the other bucket.
     */
    public OptionalLong refuse(String address, Long customerId) {
        return refuse(address, customerId == null ? null : () -> customers.get(customerId, c -> customerBucket()));
    }

    /**
     * As {@link #refuse}, for a request answered before its token was verified: the customer's share is taken from a
     * bucket of the token as presented ({@code credential}: a digest of its signature), never from the bucket of the
     * customer it claims to be — else anyone could spend another customer's limit with tokens naming them. One client
     * repeating its token is limited as a customer; a client inventing tokens is limited by its address.
     */
    public OptionalLong refusePresented(String address, long credential) {
        return refuse(address, () -> presented.get(credential, c -> customerBucket()));
    }

    private OptionalLong refuse(String address, Supplier<Bucket> customerBucket) {
        if (addressRate > 0) {
            ConsumptionProbe probe = addresses.get(address, a -> bucket(addressRate, addressBurst)).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return OptionalLong.of(probe.getNanosToWaitForRefill());
            }
        }
        if (customerRate > 0 && customerBucket != null) {
            ConsumptionProbe probe = customerBucket.get().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return OptionalLong.of(probe.getNanosToWaitForRefill());
            }
        }
        return OptionalLong.empty();
    }

    private Bucket customerBucket() {
        return bucket(customerRate, customerBurst);
    }

    /** Whole seconds for {@code Retry-After} (at least 1) from the nanoseconds {@link #refuse} answered. */
    public static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    /** The 429 answer's problem. */
    public static Problem problem(long retryAfterSeconds) {
        return Problem.of("rate-limited", "Too many requests", Response.Status.TOO_MANY_REQUESTS,
                "Too many requests from this customer or address; retry after " + retryAfterSeconds + " s.");
    }

    private static Bucket bucket(long perSecond, long burst) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(burst, 1)).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
