package dev.mall.payment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A refund the provider confirmed, once per refund key (the idempotency key the provider saw). */
@Entity
@Table(name = "payment_refund")
@NamedQuery(name = PaymentRefund.BY_KEY, query = "SELECT r FROM PaymentRefund r WHERE r.refundKey = :key")
public class PaymentRefund {

    public static final String BY_KEY = "PaymentRefund.byKey";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "payment_id", nullable = false, updatable = false)
    private long paymentId;

    @Column(name = "refund_key", nullable = false, updatable = false, length = 150)
    private String refundKey;

    @Column(nullable = false, precision = 12, scale = 2, updatable = false)
    private BigDecimal amount;

    @Column(nullable = false, length = 200, updatable = false)
    private String reason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected PaymentRefund() {
    }

    public PaymentRefund(long paymentId, String refundKey, BigDecimal amount, String reason, Instant now) {
        this.paymentId = paymentId;
        this.refundKey = refundKey;
        this.amount = amount;
        this.reason = reason.length() > 200 ? reason.substring(0, 200) : reason;
        this.createdAt = now;
    }

    public long paymentId() {
        return paymentId;
    }

    public BigDecimal amount() {
        return amount;
    }
}
