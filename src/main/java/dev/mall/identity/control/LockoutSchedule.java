package dev.mall.identity.control;

import java.time.Duration;

/**
 * How long an account stays locked after consecutive failed logins: not at all below {@code threshold} failures,
 * then {@code firstLock}, doubling with each further failure up to {@code maxLock}. Doubling makes guessing
 * exponentially slow while a customer who mistyped a few times waits seconds; the cap bounds how long an attacker
 * who only knows the email can keep its owner out.
 */
public record LockoutSchedule(int threshold, Duration firstLock, Duration maxLock) {

    /** 5 failures → 30 s, 6 → 1 min, 7 → 2 min, … capped at 15 min. */
    public static final LockoutSchedule STANDARD = new LockoutSchedule(5, Duration.ofSeconds(30), Duration.ofMinutes(15));

    public LockoutSchedule {
        if (threshold < 1 || firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException("Inconsistent lockout schedule");
        }
    }

    public Duration lockPeriodAfter(int consecutiveFailures) {
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("Negative failure count: " + consecutiveFailures);
        }
        if (consecutiveFailures < threshold) {
            return Duration.ZERO;
        }
        Duration period = firstLock;
        // Doubling stops at the cap, so a huge failure count can neither overflow nor loop long.
        for (int i = threshold; i < consecutiveFailures && period.compareTo(maxLock) < 0; i++) {
            period = period.multipliedBy(2);
        }
        return period.compareTo(maxLock) > 0 ? maxLock : period;
    }
}
