package dev.mall.inventory.boundary;

import dev.mall.platform.persistence.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often, and after how long a pause, a placing attempt that lost a race on stock rows (a deadlock between two
 * buyers of one SKU's buckets, rows busy for too long) is tried again in a new transaction. The pause doubles per
 * attempt up to a cap, and each pause is drawn from its upper half at random ("equal jitter") so that buyers who
 * collided once do not collide again in lockstep. The bound keeps a request's worst case short: after the last
 * attempt the client gets 409 and may try again itself.
 */
@ApplicationScoped
public class ReservationRetry {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    @Inject
    public ReservationRetry(
            @ConfigProperty(name = "mall.inventory.reserve.max-attempts", defaultValue = "10") int maxAttempts,
            @ConfigProperty(name = "mall.inventory.reserve.initial-backoff", defaultValue = "PT0.01S") Duration initialBackoff,
            @ConfigProperty(name = "mall.inventory.reserve.max-backoff", defaultValue = "PT0.32S") Duration maxBackoff) {
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("invalid reservation retry settings");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** For CDI's proxy. */
    protected ReservationRetry() {
        this(1, Duration.ZERO, Duration.ZERO);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** One placing attempt, in a transaction of its own; told whether it is the last one (then it may compensate). */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(boolean last);
    }

    /**
     * The one retry loop of every placement, ordinary or flash: runs {@code attempt} until it succeeds; one that lost a
     * race on stock ({@link #isRetried}) is tried again after {@link #pauseAfter} (and {@code beforeRetry}), at most
     * {@link #maxAttempts} times in all. Any other failure, and the last attempt's, is thrown to the caller, which
     * decides what it means (a key taken by a concurrent request, 409 stock-contention).
     */
    public <T> T run(Attempt<T> attempt, Runnable beforeRetry) {
        for (int number = 1; ; number++) {
            boolean last = number >= maxAttempts;
            try {
                return attempt.run(last);
            } catch (RuntimeException e) {
                if (last || !isRetried(e)) {
                    throw e;
                }
                beforeRetry.run();
                pauseAfter(number);
            }
        }
    }

    /** Whether a failed attempt that was not the last is tried again: it lost a race on stock rows. */
    public static boolean isRetried(RuntimeException failure) {
        return Conflicts.isLockConflict(failure);
    }

    /** The pause after failed attempt number {@code attempt} (1-based): in [cap/2, cap], cap = min(max, initial * 2^(attempt-1)). */
    public Duration backoffAfter(int attempt) {
        long initial = initialBackoff.toNanos();
        long ceiling = maxBackoff.toNanos();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long cap = initial > (ceiling >> shift) ? ceiling : Math.min(ceiling, initial << shift);
        if (cap <= 0) {
            return Duration.ZERO;
        }
        long half = cap / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(cap - half + 1));
    }

    public void pauseAfter(int attempt) {
        Duration pause = backoffAfter(attempt);
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
