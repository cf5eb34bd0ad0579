package dev.mall.platform.domain;

/** The id of an order as domains pass it to each other: never to be confused with another id. */
public record OrderId(long value) {

    public OrderId {
        if (value <= 0) {
            throw new IllegalArgumentException("order ids are positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
