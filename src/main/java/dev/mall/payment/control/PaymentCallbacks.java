package dev.mall.payment.control;

import dev.mall.payment.boundary.PaymentEvents;
import dev.mall.payment.boundary.GatewayOutcome;
import dev.mall.payment.entity.Payment;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Records the gateway's verdict on a payment and, for a success, sends PaymentSucceeded, in one XA transaction. The
 * payment row is locked first, so duplicate callbacks (the gateway retries, or replays) queue up behind the first and
 * then find the payment settled: they change nothing and are answered 200, as the gateway expects.
 */
@ApplicationScoped
public class PaymentCallbacks {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    PaymentEvents events;

    @Inject
    Clock clock;

    /** True if this callback settled the payment, false for a duplicate of one already applied. */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean apply(PaymentCallback callback) {
        Payment payment = orders.find(Payment.class, callback.paymentId(), LockModeType.PESSIMISTIC_WRITE);
        if (payment == null || payment.orderId() != callback.orderId()) {
            throw Refusal.notFound("Payment " + callback.paymentId() + " of order " + callback.orderId());
        }
        if (payment.amount().compareTo(callback.amount()) != 0) {
            throw new Refusal("amount-mismatch", "The callback's amount differs from the payment's amount.");
        }
        if (payment.isSettled()) {
            if (callback.providerTxnId().equals(payment.providerTxnId())) {
                return false;
            }
            throw new Refusal("payment-settled", "The payment was settled by another provider transaction.");
        }
        GatewayOutcome outcome = GatewayOutcome.valueOf(callback.outcome());
        payment.settle(outcome, callback.providerTxnId(), clock.instant());
        orders.flush();
        if (outcome == GatewayOutcome.SUCCESS) {
            events.succeeded(payment);
        }
        return true;
    }
}
