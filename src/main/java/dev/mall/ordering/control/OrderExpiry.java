package dev.mall.ordering.control;

import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Expires an unpaid order whose reservation ran out and gives its units back, in the caller's transaction (the MDB's
 * XA transaction, or a new one for the sweep). A payment being applied at the same moment takes the same row lock
 * ({@link OrderTransitions}), so exactly one of the two changes the order and the other sees the result. Applying it
 * twice, or after the order was paid or cancelled, changes nothing.
 */
@ApplicationScoped
public class OrderExpiry implements OrderTransition {

    @Inject
    OrderTransitions transitions;

    @Inject
    OrderReleases releases;

    @Inject
    OrderOutcomes outcomeCounts;

    public enum Outcome {
        /** This call expired the order and released its units. */
        EXPIRED,
        /** The order was paid, cancelled or expired already, or is not due yet: nothing changed. */
        UNCHANGED,
        /** No such order: a message or sweep entry that should not exist. */
        NO_SUCH_ORDER
    }

    public Outcome expire(long orderId) {
        return transitions.applyIfPresent(Target.any(orderId), this)
                .map(done -> done.changed() ? Outcome.EXPIRED : Outcome.UNCHANGED)
                .orElse(Outcome.NO_SUCH_ORDER);
    }

    @Override
    public boolean change(CustomerOrder order, Instant now) {
        return order.expireIfDue(now);
    }

    @Override
    public void publish(CustomerOrder order, Instant now) {
        releases.release(order);
        outcomeCounts.expired(Duration.between(order.expiresAt(), now));
    }
}
