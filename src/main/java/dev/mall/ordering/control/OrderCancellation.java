package dev.mall.ordering.control;

import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/** The customer cancels an unpaid order: CANCELLED and its units released, in one XA transaction; 409 in other states. */
@ApplicationScoped
public class OrderCancellation {

    @Inject
    OrderTransitions transitions;

    @Inject
    OrderReleases releases;

    @Inject
    OrderOutcomes outcomeCounts;

    public <V> V cancel(long customerId, long orderId, Function<CustomerOrder, V> answer) {
        return transitions.apply(Target.own(customerId, orderId), OrderTransition.of(CustomerOrder::cancel, order -> {
            releases.release(order);
            outcomeCounts.cancelled();
        }), answer);
    }
}
