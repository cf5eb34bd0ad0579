package dev.mall.platform.domain;

/** The id of a customer as domains pass it to each other: never to be confused with another id. */
public record CustomerId(long value) {

    public CustomerId {
        if (value <= 0) {
            throw new IllegalArgumentException("customer ids are positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
