package dev.mall.ordering.entity;

import dev.mall.platform.domain.Refusal;

/** The order is not in a state that allows the requested change (answered 409 {@code order-state}). */
public class IllegalTransition extends Refusal {

    private static final long serialVersionUID = 1L;

    public IllegalTransition(long orderId, OrderStatus from, OrderStatus to) {
        super("order-state", "Order " + orderId + " is " + from + " and cannot become " + to + ".");
    }
}
