package dev.mall.ordering.control;

import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * An administrator ships a paid order: PAID → SHIPPED; 409 in any other state. The sold units were already confirmed
 * when the order was paid; shipping changes no stock. OrderShipped is published in the same (XA) transaction.
 */
@ApplicationScoped
public class OrderShipping {

    @Inject
    OrderTransitions transitions;

    @Inject
    OrderEvents events;

    public <V> V ship(long orderId, Function<CustomerOrder, V> answer) {
        return transitions.apply(Target.any(orderId), OrderTransition.of(CustomerOrder::ship, events::shipped), answer);
    }
}
