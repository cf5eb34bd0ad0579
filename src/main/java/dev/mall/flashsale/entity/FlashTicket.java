package dev.mall.flashsale.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * The decision on a queued flash-sale purchase (orders database): the order it became, or why it could not. A ticket
 * that is still queued has no row yet; it lives in its JMS message until {@code FlashPurchaseListener} decides.
 */
@Entity
@Table(name = "flash_ticket")
public class FlashTicket {

    public enum Status {
        QUEUED, ORDERED, FAILED
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "sale_id", nullable = false, updatable = false)
    private long saleId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Column(name = "idempotency_key", nullable = false, updatable = false, length = 100)
    private String idempotencyKey;

    @Column(nullable = false, updatable = false)
    private int quantity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private Status status;

    @Column(name = "order_id", updatable = false)
    private Long orderId;

    @Column(updatable = false, length = 64)
    private String reason;

    @Column(name = "accepted_at", nullable = false, updatable = false)
    private Instant acceptedAt;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private Instant decidedAt;

    protected FlashTicket() {
    }

    private FlashTicket(QueuedPurchase purchase, Status status, Long orderId, String reason, Instant now) {
        this.id = purchase.ticketId();
        this.saleId = purchase.saleId();
        this.customerId = purchase.customerId();
        this.idempotencyKey = purchase.idempotencyKey();
        this.quantity = purchase.units();
        this.status = status;
        this.orderId = orderId;
        this.reason = reason;
        this.acceptedAt = purchase.acceptedAt();
        this.decidedAt = now;
    }

    public static FlashTicket ordered(QueuedPurchase purchase, long orderId, Instant now) {
        return new FlashTicket(purchase, Status.ORDERED, orderId, null, now);
    }

    public static FlashTicket failed(QueuedPurchase purchase, String reason, Instant now) {
        return new FlashTicket(purchase, Status.FAILED, null, Objects.requireNonNull(reason), now);
    }

    public String id() {
        return id;
    }

    public long saleId() {
        return saleId;
    }

    public long customerId() {
        return customerId;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public int quantity() {
        return quantity;
    }

    public Status status() {
        return status;
    }

    public Long orderId() {
        return orderId;
    }

    public String reason() {
        return reason;
    }
}
