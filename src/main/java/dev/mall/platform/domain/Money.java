package dev.mall.platform.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of the shop's one currency, in cents precision (scale 2, as every money column is {@code DECIMAL(12,2)}):
 * what domains pass each other instead of a bare {@link BigDecimal}. Never negative.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    /** Refuses more than 2 decimals or a negative amount (an {@link IllegalArgumentException}). */
    public Money {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("not an amount of money: " + amount.toPlainString());
        }
        amount = amount.setScale(2);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** "29.80": as the API writes money. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
