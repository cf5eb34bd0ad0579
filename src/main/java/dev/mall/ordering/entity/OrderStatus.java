package dev.mall.ordering.entity;

import java.util.EnumSet;
import java.util.Set;

/** The order state machine (docs/API.md "Orders"); the database trigger tr_order_status_transition enforces it again. */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, SHIPPED, COMPLETED, CANCELLED, EXPIRED, REFUNDED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING_PAYMENT -> EnumSet.of(PAID, CANCELLED, EXPIRED);
            case PAID -> EnumSet.of(SHIPPED, REFUNDED);
            case SHIPPED -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, EXPIRED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canBecome(OrderStatus target) {
        return next().contains(target);
    }
}
