package dev.mall.payment.boundary;

import dev.mall.payment.control.PaymentProvider;
import dev.mall.payment.entity.Payment;
import dev.mall.payment.entity.PaymentRefund;
import dev.mall.platform.domain.CustomerId;
import dev.mall.platform.domain.Money;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.PaymentId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/** What other domains may ask of payments: open one for an order (a checkout at the provider), refund one. */
@ApplicationScoped
public class PaymentLedger {

    private static final Logger LOG = Logger.getLogger(PaymentLedger.class.getName());

    /** The order's open payment, whether this call created it, and where the customer pays it. */
    public record Checkout(long paymentId, PaymentStatus status, boolean created, URI checkoutUrl) {
    }

    /** A refund recorded on a payment; {@code created} false when the same refund key was recorded before. */
    public record Refund(PaymentId paymentId, Money amount, boolean created, boolean complete) {
    }

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    PaymentProvider provider;

    @Inject
    Clock clock;

    /**
     * The order's PENDING payment if it has one (the customer came back to the checkout), otherwise a new one. The
     * caller holds the order's row lock, so two requests never open two payments. A FAILED payment is closed: the
     * order stays payable and the next call opens a new one. With {@code testOutcome} (MALL_PAYMENT_TEST_MODE only)
     * the checkout page is submitted with it once this transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Checkout open(OrderId order, CustomerId customer, Money amount, Optional<GatewayOutcome> testOutcome) {
        long orderId = order.value();
        Optional<Payment> pending = orders.createQuery("SELECT p FROM Payment p WHERE p.orderId = :order"
                        + " AND p.status = :status ORDER BY p.id DESC", Payment.class)
                .setParameter("order", orderId).setParameter("status", PaymentStatus.PENDING).setMaxResults(1)
                .getResultStream().findFirst();
        boolean created = pending.isEmpty();
        Payment payment = pending.orElseGet(() -> {
            Payment opened = new Payment(orderId, customer.value(), amount.amount(), testOutcome.orElse(null),
                    clock.instant());
            orders.persist(opened);
            orders.flush();
            return opened;
        });
        URI checkout = provider.checkoutUrl(payment);
        testOutcome.ifPresent(outcome -> provider.submitCheckoutAfterCommit(checkout, outcome));
        return new Checkout(payment.id(), payment.status(), created, checkout);
    }

    /**
     * Money taken for an order that can no longer be fulfilled goes back, all of it, through the provider. Idempotent:
     * a payment refunded already stays as it is (the same PaymentSucceeded applied a second time), and the refund key
     * is the payment's own, so the provider pays back once however often this runs.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refund(PaymentId paymentId, String reason) {
        Payment payment = orders.find(Payment.class, paymentId.value(), LockModeType.PESSIMISTIC_WRITE);
        if (payment == null) {
            throw new IllegalStateException("payment " + paymentId + " does not exist");
        }
        if (payment.status() == PaymentStatus.REFUNDED) {
            return;
        }
        record(payment, payment.refundable(), "payment-" + paymentId.value() + "-late", reason);
        LOG.info(() -> "Refunded payment " + paymentId + ": " + reason);
    }

    /**
     * Refunds (part of) the payment that paid an order, in the caller's transaction: {@code amount} null means all
     * that is left. {@code refundKey} names this refund: the same key again returns the refund recorded the first
     * time (created false) and asks the provider nothing. A paid order without a succeeded payment of its own is a
     * broken invariant, not a client error: it fails the transaction (500) and nothing changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Refund refundOrder(OrderId orderId, PaymentId paymentId, Optional<Money> amount, String refundKey,
                              String reason) {
        Payment payment = orders.find(Payment.class, paymentId.value(), LockModeType.PESSIMISTIC_WRITE);
        if (payment == null || payment.orderId() != orderId.value()) {
            throw new IllegalStateException("payment " + paymentId + " is not a payment of order " + orderId);
        }
        Optional<PaymentRefund> earlier = orders.createNamedQuery(PaymentRefund.BY_KEY, PaymentRefund.class)
                .setParameter("key", refundKey).getResultStream().findFirst();
        if (earlier.isPresent()) {
            return new Refund(paymentId, new Money(earlier.get().amount()), false,
                    payment.status() == PaymentStatus.REFUNDED);
        }
        BigDecimal part = amount.map(Money::amount).orElseGet(payment::refundable);
        record(payment, part, refundKey, reason);
        LOG.info(() -> "Refunded " + part + " of payment " + paymentId + " of order " + orderId + ": " + reason);
        return new Refund(paymentId, new Money(part), true, payment.status() == PaymentStatus.REFUNDED);
    }

    /** True if a refund with this key has been recorded. */
    /** The order a payment is for; empty for an unknown payment. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OrderId> orderOf(PaymentId paymentId) {
        return Optional.ofNullable(orders.find(Payment.class, paymentId.value())).map(p -> new OrderId(p.orderId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isRecorded(String refundKey) {
        return orders.createNamedQuery(PaymentRefund.BY_KEY, PaymentRefund.class).setParameter("key", refundKey)
                .getResultStream().findFirst().isPresent();
    }

    /** What is left to refund of a payment (0 unless it SUCCEEDED). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Money refundable(PaymentId paymentId) {
        Payment payment = orders.find(Payment.class, paymentId.value());
        return payment == null ? Money.ZERO : new Money(payment.refundable());
    }

    private void record(Payment payment, BigDecimal part, String refundKey, String reason) {
        if (part.signum() <= 0 || part.compareTo(payment.refundable()) > 0) {
            throw new IllegalArgumentException("refund of " + part + " but " + payment.refundable() + " is refundable");
        }
        provider.refund(payment.id(), part, refundKey);
        payment.refund(part, reason, clock.instant());
        orders.persist(new PaymentRefund(payment.id(), refundKey, part, reason, clock.instant()));
        orders.flush();
    }
}
