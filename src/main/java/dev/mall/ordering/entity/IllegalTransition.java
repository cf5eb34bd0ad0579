package dev.mall.ordering.entity;

import dev.mall.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;

/** The order is not in a state that allows the requested change: 409. */
public class IllegalTransition extends ProblemException {

    private static final long serialVersionUID = 1L;

    public IllegalTransition(long orderId, OrderStatus from, OrderStatus to) {
        super("order-state", "Order state conflict", Response.Status.CONFLICT,
                "Order " + orderId + " is " + from + " and cannot become " + to + ".");
    }
}
