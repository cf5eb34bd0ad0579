package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * An administrator ships a paid order: PAID → SHIPPED; 409 in any other state. The order row is locked first (as
 * cancellation, expiry and payment do), so a refund or a second ship at the same moment sees the result of this one.
 * The sold units were already confirmed when the order was paid; shipping changes no stock. OrderShipped is published
 * in the same (XA) transaction.
 */
@ApplicationScoped
public class OrderShipping {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    OrderEvents events;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRED)
    public CustomerOrder ship(long orderId) {
        CustomerOrder order = orders.find(CustomerOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            throw Refusal.notFound("Order " + orderId);
        }
        order.ship(clock.instant());
        orders.flush();
        events.shipped(order);
        order.lines().size();
        return order;
    }
}
