package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * An administrator refunds a paid order: the order REFUNDED, its payment REFUNDED and OrderRefunded published in one
 * transaction; 409 in any other state, and then nothing changes. The order row is locked first, like every
 * other change of an order's status.
 * <p>
 * The stock stays as it is: the units were sold (reservations CONFIRMED, on hand reduced) when the order was paid,
 * and a refund does not bring goods back to the shelf — an administrator who gets them back counts them in with
 * {@code PUT /api/admin/skus/{id}/stock}. The stock audit expects CONFIRMED reservations for a REFUNDED order.
 */
@ApplicationScoped
public class OrderRefunds {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    PaymentLedger payments;

    @Inject
    OrderEvents events;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRED)
    public CustomerOrder refund(long orderId) {
        CustomerOrder order = orders.find(CustomerOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            throw ProblemException.notFound("Order " + orderId);
        }
        order.refund(clock.instant());
        // Only a PAID order gets here, and PaidOrders set its payment when it became PAID.
        payments.refundOrder(order.id(), order.paymentId(), "order " + order.number() + " refunded by an administrator");
        orders.flush();
        events.refunded(order);
        order.lines().size();
        return order;
    }
}
