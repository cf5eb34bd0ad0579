package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.persistence.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * Shipping to completion: an administrator ships a paid order with its parcel's carrier and tracking number
 * (PAID → SHIPPED), and the parcel's delivery — told by an administrator or by the carrier's signed callback — completes
 * it (SHIPPED → COMPLETED). Each is one (XA) transaction that locks the order row first (as cancellation, expiry,
 * payment and refund do, so a concurrent change sees the result of this one), moves the order, and publishes
 * OrderShipped or OrderDelivered on mall.order-events; a refused change (409, 404) publishes nothing. No stock moves:
 * the units were confirmed when the order was paid.
 */
@ApplicationScoped
public class OrderShipping {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    OrderEvents events;

    @Inject
    Clock clock;

    /** The outcome of a carrier's delivery callback: the order, and whether this callback completed it. */
    public record Delivery(CustomerOrder order, boolean applied) {
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public CustomerOrder ship(long orderId, String carrier, String trackingNumber) {
        CustomerOrder order = locked(orderId);
        if (parcel(carrier, trackingNumber).filter(other -> other != orderId).isPresent()) {
            throw trackingInUse(carrier, trackingNumber);
        }
        order.ship(carrier, trackingNumber, clock.instant());
        try {
            orders.flush();
        } catch (PersistenceException e) {
            // Two orders shipped with one parcel at the same moment: the unique key lets one of them have it.
            if (Conflicts.isUniqueKeyViolation(e, "uk_order_tracking")) {
                throw trackingInUse(carrier, trackingNumber);
            }
            throw e;
        }
        events.shipped(order);
        order.lines().size();
        return order;
    }

    /** An administrator records the delivery: SHIPPED → COMPLETED; 409 in any other state. */
    @Transactional(Transactional.TxType.REQUIRED)
    public CustomerOrder deliver(long orderId) {
        CustomerOrder order = locked(orderId);
        completed(order);
        order.lines().size();
        return order;
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
        CustomerOrder order = locked(orderId);
        if (order.status() == OrderStatus.COMPLETED) {
            return new Delivery(order, false);
        }
        completed(order);
        return new Delivery(order, true);
    }

    private void completed(CustomerOrder order) {
        order.deliver(clock.instant());
        orders.flush();
        events.delivered(order);
    }

    private CustomerOrder locked(long orderId) {
        CustomerOrder order = orders.find(CustomerOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            throw Refusal.notFound("Order " + orderId);
        }
        return order;
    }

    /** The order shipped with this parcel, if any (the unique key uk_order_tracking allows one). */
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
