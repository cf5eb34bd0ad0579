package dev.mall.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The login throttle of one email address: consecutive failures, and until when logins are refused. Kept on the
 * account ({@link Customer}) and, for addresses without one, in {@link UnknownEmailLogins}, so that the lockout looks
 * the same whether an account exists or not. Failures are forgotten after {@link #FORGET_AFTER} without one (a
 * failure after that counts as the first), on accounts as on unknown addresses, whose rows are then purged.
 */
@Embeddable
public class FailedLogins {

    public static final Duration FORGET_AFTER = Duration.ofDays(1);

    @Column(name = "failed_logins", nullable = false)
    private int count;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_failed_login_at")
    private Instant lastFailure;

    public int count() {
        return count;
    }

    /** How long logins stay refused, if they are at {@code now}. */
    public Optional<Duration> lockRemaining(Instant now) {
        if (lockedUntil == null || !now.isBefore(lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, lockedUntil));
    }

    /**
     * Counts one more consecutive failure and refuses logins for the period {@code lockPeriodAfter} names for that
     * count (zero: no lock).
     */
    public void record(Instant now, IntFunction<Duration> lockPeriodAfter) {
        if (lastFailure != null && !now.isBefore(lastFailure.plus(FORGET_AFTER))) {
            count = 0;
        }
        count++;
        lastFailure = now.truncatedTo(ChronoUnit.MILLIS);
        Duration lockPeriod = lockPeriodAfter.apply(count);
        if (lockPeriod.isNegative()) {
            throw new IllegalArgumentException("Negative lock period: " + lockPeriod);
        }
        if (!lockPeriod.isZero()) {
            lockedUntil = now.plus(lockPeriod).truncatedTo(ChronoUnit.MILLIS);
        }
    }

    public void clear() {
        count = 0;
        lockedUntil = null;
        lastFailure = null;
    }
}
