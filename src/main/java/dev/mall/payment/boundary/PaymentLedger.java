package dev.mall.payment.boundary;

import dev.mall.payment.control.MockPaymentGateway;
import dev.mall.payment.control.PaymentCallback;
import dev.mall.payment.entity.GatewayOutcome;
import dev.mall.payment.entity.Payment;
import dev.mall.payment.entity.PaymentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.logging.Logger;

/** What other domains may ask of payments: start one for an order, refund one. */
@ApplicationScoped
public class PaymentLedger {

    private static final Logger LOG = Logger.getLogger(PaymentLedger.class.getName());

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    MockPaymentGateway gateway;

    @Inject
    Clock clock;

    /** Records a PENDING payment and asks the gateway to charge it once this transaction commits. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Payment start(long orderId, long customerId, BigDecimal amount, GatewayOutcome outcome, URI callback) {
        Payment payment = new Payment(orderId, customerId, amount, outcome, clock.instant());
        orders.persist(payment);
        orders.flush();
        gateway.chargeAfterCommit(new PaymentCallback(payment.id(), MockPaymentGateway.newProviderTransactionId(),
                orderId, amount, outcome.name()), callback);
        return payment;
    }

    /**
     * Money taken for an order that can no longer be fulfilled goes back. With the mock gateway the refund is the
     * record itself; a real provider's refund call would be sent after commit like the charge. A payment refunded
     * already stays as it is (the same PaymentSucceeded applied a second time).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refund(long paymentId, String reason) {
        Payment payment = orders.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (payment == null) {
            throw new IllegalStateException("payment " + paymentId + " does not exist");
        }
        if (payment.status() == PaymentStatus.REFUNDED) {
            return;
        }
        payment.refund(reason, clock.instant());
        LOG.info(() -> "Refunded payment " + paymentId + ": " + reason);
    }

    /**
     * Refunds the payment that paid an order (an administrator's refund of a PAID order), in the caller's transaction.
     * A paid order without a succeeded payment of its own would be a broken invariant, not a client error: it fails
     * the transaction (500) and nothing changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refundOrder(long orderId, Long paymentId, String reason) {
        if (paymentId == null) {
            throw new IllegalStateException("order " + orderId + " has no payment to refund");
        }
        Payment payment = orders.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (payment == null || payment.orderId() != orderId) {
            throw new IllegalStateException("payment " + paymentId + " is not a payment of order " + orderId);
        }
        payment.refund(reason, clock.instant());
        LOG.info(() -> "Refunded payment " + paymentId + " of order " + orderId + ": " + reason);
    }
}
