package dev.mall.platform.domain;

/** The id of a payment as domains pass it to each other: never to be confused with another id. */
public record PaymentId(long value) {

    public PaymentId {
        if (value <= 0) {
            throw new IllegalArgumentException("payment ids are positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
