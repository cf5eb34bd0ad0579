package dev.mall.ordering.control;

import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.IllegalTransition;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.platform.domain.Money;
import dev.mall.platform.domain.PaymentId;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An administrator refunds a paid order through the payment provider, all of it or a part. The order row is locked
 * first ({@link OrderTransitions}), like every other change of an order; then the provider is asked (signed, with an idempotency key)
 * and, in the same transaction, the refund is recorded on the payment. The refund that brings the payment to zero
 * makes the order REFUNDED and publishes OrderRefunded; a part leaves the order PAID. Any failure (the provider
 * refuses or does not answer, the order is not PAID) is an error and changes nothing here.
 * <p>
 * Idempotent: the refund key is the caller's Idempotency-Key, or else derived from the payment, what it has refunded
 * so far and the amount, so a request repeated after a lost answer (or after a transaction that rolled back once the
 * provider had refunded) is the same refund at the provider and is recorded once. A full refund of an order that is
 * REFUNDED already answers the order as it is.
 * <p>
 * The stock stays as it is: the units were sold (reservations CONFIRMED, on hand reduced) when the order was paid,
 * and a refund does not bring goods back to the shelf — an administrator who gets them back counts them in with
 * {@code PUT /api/admin/skus/{id}/stock}. The stock audit expects CONFIRMED reservations for a REFUNDED order.
 */
@ApplicationScoped
public class OrderRefunds {

    @Inject
    OrderTransitions transitions;

    @Inject
    PaymentLedger payments;

    @Inject
    OrderEvents events;

    /** {@code amount} null: everything that is left. {@code idempotencyKey} may be null. */
    public <V> V refund(long orderId, BigDecimal amount, String idempotencyKey, Function<CustomerOrder, V> answer) {
        return transitions.apply(Target.any(orderId), new OrderTransition() {
            @Override
            public boolean change(CustomerOrder order, Instant now) {
                return refunded(order, amount, idempotencyKey, now);
            }

            @Override
            public void publish(CustomerOrder order, Instant now) {
                events.refunded(order);
            }
        }, answer);
    }

    /** Refunds at the provider, and the order if that refund completes it; false: the order stays as it is. */
    private boolean refunded(CustomerOrder order, BigDecimal amount, String idempotencyKey, Instant now) {
        if (order.status() == OrderStatus.REFUNDED && amount == null && idempotencyKey == null) {
            return false;
        }
        String reason = "order " + order.number() + " refunded by an administrator";
        String givenKey = idempotencyKey == null ? null : "order-" + order.id() + "-" + idempotencyKey;
        if (givenKey != null && payments.isRecorded(givenKey)) {
            // A repeat of a refund that was recorded: answer the order as it is now, ask the provider nothing.
            return false;
        }
        if (order.status() != OrderStatus.PAID) {
            throw new IllegalTransition(order.id(), order.status(), OrderStatus.REFUNDED);
        }
        PaymentId payment = order.payment()
                .orElseThrow(() -> new IllegalStateException("order " + order.id() + " has no payment to refund"));
        BigDecimal left = payments.refundable(payment).amount();
        if (amount != null && (amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(left) > 0)) {
            throw Refusal.invalid(List.of(new Refusal.Field("amount",
                    "must be more than 0, at most 2 decimals, and at most the " + left.toPlainString() + " left to refund")));
        }
        String key = givenKey != null ? givenKey : "payment-" + payment.value() + "-after-" + left.toPlainString()
                + "-" + (amount == null ? "all" : amount.toPlainString());
        // The provider's refusal (RefundFailed, a Refusal) rolls the whole refund back and answers refund-failed.
        PaymentLedger.Refund refund = payments.refundOrder(order.orderId(), payment,
                Optional.ofNullable(amount).map(Money::new), key, reason);
        if (!refund.complete()) {
            return false;
        }
        order.refund(now);
        return true;
    }
}
