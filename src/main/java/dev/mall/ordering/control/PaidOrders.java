package dev.mall.ordering.control;

import dev.mall.ordering.boundary.SafetyNetSweep;
import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.PaymentId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies a succeeded payment to its order, in the PaymentSucceeded MDB's XA transaction: an unpaid order becomes PAID,
 * its reserved units become sold ({@code on_hand -= q, reserved -= q}) and OrderPaid is published. If the order is no
 * longer unpaid (it expired or was cancelled first, or another payment won) the payment is refunded instead and the
 * order is left as it is: money never resurrects an order.
 *
 * <p>Idempotent: the message may be applied by its MDB and by {@link SafetyNetSweep} (when it went to the DLQ), or by
 * both racing; the order row lock orders them, and the second finds the order paid by this payment, or the payment
 * refunded already, and changes nothing.
 */
@ApplicationScoped
public class PaidOrders {

    @Inject
    OrderTransitions transitions;

    @Inject
    Inventory stock;

    @Inject
    PaymentLedger payments;

    @Inject
    OrderEvents events;

    @Inject
    OrderOutcomes outcomeCounts;

    /** {@link #apply} for a payment known only by its id (the sweep), in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void applyPayment(long paymentId) {
        PaymentId payment = new PaymentId(paymentId);
        OrderId orderId = payments.orderOf(payment)
                .orElseThrow(() -> new IllegalStateException("payment " + paymentId + " does not exist"));
        apply(payment, orderId);
    }

    public void apply(PaymentId paymentId, OrderId orderId) {
        transitions.applyIfPresent(Target.any(orderId.value()), new OrderTransition() {
            @Override
            public boolean change(CustomerOrder order, Instant now) {
                if (order.payment().equals(Optional.of(paymentId))) {
                    return false;
                }
                if (order.status() != OrderStatus.PENDING_PAYMENT) {
                    payments.refund(paymentId, "order " + order.number() + " is " + order.status());
                    return false;
                }
                order.markPaid(paymentId.value(), now);
                return true;
            }

            @Override
            public void publish(CustomerOrder order, Instant now) {
                stock.confirm(order.orderId());
                events.paid(order);
                outcomeCounts.paid();
            }
        }).orElseThrow(() -> new IllegalStateException("payment " + paymentId + " names order " + orderId
                + ", which does not exist"));
    }
}
