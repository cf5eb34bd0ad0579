package dev.mall.ordering.control;

import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.persistence.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Shipping to completion, through the order template ({@link OrderTransitions}: lock → 404 → transition → publish →
 * answer): an administrator ships a paid order with its parcel's carrier and tracking number (PAID → SHIPPED,
 * OrderShipped), and the parcel's delivery — told by an administrator or by the carrier's signed callback — completes
 * it (SHIPPED → COMPLETED, OrderDelivered). A refused change (409, 404) publishes nothing. No stock moves: the units
 * were confirmed when the order was paid.
 */
@ApplicationScoped
public class OrderShipping {

    /** The unique key on (carrier, tracking number) (db/orders V11): one parcel ships one order. */
    static final String PARCEL_KEY = "uk_order_tracking";

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    OrderTransitions transitions;

    @Inject
    OrderEvents events;

    /** The outcome of a carrier's delivery callback: the order, and whether this callback completed it. */
    public record Delivery(long orderId, boolean applied) {
    }

    /**
     * PAID → SHIPPED with the parcel (or with none: both null, v1's ship); 409 {@code tracking-number-in-use} if
     * another order was shipped with it.
     */
    public <V> V ship(long orderId, String carrier, String trackingNumber, Function<CustomerOrder, V> answer) {
        try {
            return transitions.apply(Target.any(orderId), OrderTransition.of((order, now) -> {
                if (carrier != null && parcel(carrier, trackingNumber).filter(other -> other != orderId).isPresent()) {
                    throw trackingInUse(carrier, trackingNumber);
                }
                order.ship(carrier, trackingNumber, now);
            }, events::shipped), answer);
        } catch (PersistenceException e) {
            // Two orders shipped with one parcel at the same moment: the unique key let the other one have it (this
            // transaction has rolled back).
            if (Conflicts.isUniqueKeyViolation(e, PARCEL_KEY)) {
                throw trackingInUse(carrier, trackingNumber);
            }
            throw e;
        }
    }

    /** An administrator records the delivery: SHIPPED → COMPLETED; 409 in any other state. */
    public <V> V deliver(long orderId, Function<CustomerOrder, V> answer) {
        return transitions.apply(Target.any(orderId), OrderTransition.of(CustomerOrder::deliver, events::delivered),
                answer);
    }

    /**
     * The carrier reports its parcel delivered. The parcel names the order (the caller names none, so a callback can
     * only complete the order that was shipped with that carrier's tracking number); a repeated callback finds it
     * COMPLETED and changes nothing, so the carrier's retries are harmless. 404 for a parcel no order was shipped with.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Delivery deliverParcel(String carrier, String trackingNumber) {
        long orderId = parcel(carrier, trackingNumber)
                .orElseThrow(() -> Refusal.notFound("Parcel " + carrier + " " + trackingNumber));
        return transitions.applyIfPresent(Target.any(orderId), new OrderTransition() {
                    @Override
                    public boolean change(CustomerOrder order, Instant now) {
                        if (order.status() == OrderStatus.COMPLETED) {
                            return false;
                        }
                        order.deliver(now);
                        return true;
                    }

                    @Override
                    public void publish(CustomerOrder order, Instant now) {
                        events.delivered(order);
                    }
                })
                .map(done -> new Delivery(orderId, done.changed()))
                .orElseThrow(() -> Refusal.notFound("Parcel " + carrier + " " + trackingNumber));
    }

    /** The order shipped with this parcel, if any (the unique key allows one). */
    private Optional<Long> parcel(String carrier, String trackingNumber) {
        return orders.createQuery("select o.id from CustomerOrder o where o.carrier = :carrier"
                        + " and o.trackingNumber = :tracking", Long.class)
                .setParameter("carrier", carrier)
                .setParameter("tracking", trackingNumber)
                .getResultStream().findFirst();
    }

    private static Refusal trackingInUse(String carrier, String trackingNumber) {
        return new Refusal("tracking-number-in-use",
                "Another order was shipped with " + carrier + " tracking number " + trackingNumber + ".");
    }
}
