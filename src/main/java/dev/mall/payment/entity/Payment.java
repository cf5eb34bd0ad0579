package dev.mall.payment.entity;

import dev.mall.payment.boundary.PaymentStatus;
import dev.mall.payment.boundary.GatewayOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One attempt to pay an order: PENDING until the provider's callback settles it SUCCEEDED or FAILED, once. Refunds
 * (through the provider) add up in {@code refundedAmount}; when they reach the amount the payment is REFUNDED.
 */
@Entity
@Table(name = "payment")
public class Payment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Column(nullable = false, precision = 12, scale = 2, updatable = false)
    private BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PaymentStatus status;

    @Enumerated(EnumType.STRING)
    /** Only with MALL_PAYMENT_TEST_MODE: the outcome the test asked the checkout page for. */
    @Column(name = "requested_outcome", length = 16, updatable = false)
    private GatewayOutcome requestedOutcome;

    @Column(name = "provider_txn_id", length = 100)
    private String providerTxnId;

    @Column(name = "refunded_amount", nullable = false, precision = 12, scale = 2)
    private BigDecimal refundedAmount = BigDecimal.ZERO;

    @Column(name = "refund_reason", length = 200)
    private String refundReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Payment() {
    }

    public Payment(long orderId, long customerId, BigDecimal amount, GatewayOutcome requestedOutcome, Instant now) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.amount = amount;
        this.requestedOutcome = requestedOutcome;
        this.status = PaymentStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public boolean isSettled() {
        return status != PaymentStatus.PENDING;
    }

    /** Records the gateway's answer; only a PENDING payment can be settled. */
    public void settle(GatewayOutcome outcome, String providerTransaction, Instant now) {
        if (isSettled()) {
            throw new IllegalStateException("payment " + id + " is already " + status);
        }
        this.status = outcome == GatewayOutcome.SUCCESS ? PaymentStatus.SUCCEEDED : PaymentStatus.FAILED;
        this.providerTxnId = providerTransaction;
        this.updatedAt = now;
    }

    /** What is left to refund. */
    public BigDecimal refundable() {
        return status == PaymentStatus.SUCCEEDED ? amount.subtract(refundedAmount) : BigDecimal.ZERO;
    }

    /** Records a refund the provider made; the last part makes the payment REFUNDED. */
    public void refund(BigDecimal part, String reason, Instant now) {
        if (status != PaymentStatus.SUCCEEDED) {
            throw new IllegalStateException("payment " + id + " is " + status + " and cannot be refunded");
        }
        if (part.signum() <= 0 || part.compareTo(refundable()) > 0) {
            throw new IllegalStateException("refund of " + part + " but " + refundable() + " is refundable");
        }
        this.refundedAmount = refundedAmount.add(part);
        if (refundedAmount.compareTo(amount) == 0) {
            this.status = PaymentStatus.REFUNDED;
        }
        this.refundReason = reason.length() > 200 ? reason.substring(0, 200) : reason;
        this.updatedAt = now;
    }

    public BigDecimal refundedAmount() {
        return refundedAmount;
    }

    public Long id() {
        return id;
    }

    public long orderId() {
        return orderId;
    }

    public long customerId() {
        return customerId;
    }

    public BigDecimal amount() {
        return amount;
    }

    public PaymentStatus status() {
        return status;
    }

    public GatewayOutcome requestedOutcome() {
        return requestedOutcome;
    }

    public String providerTxnId() {
        return providerTxnId;
    }
}
