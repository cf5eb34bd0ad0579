package dev.mall.flashsale.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A flash sale (inventory database). Its units are the stock pool whose id is the sale's id. */
@Entity
@Table(name = "flash_sale")
public class FlashSale {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "sku_id", nullable = false, updatable = false)
    private long skuId;

    @Column(nullable = false, updatable = false)
    private int units;

    @Column(name = "per_customer_limit", nullable = false, updatable = false)
    private int perCustomerLimit;

    @Column(nullable = false, precision = 12, scale = 2, updatable = false)
    private BigDecimal price;

    @Column(name = "starts_at", nullable = false, updatable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false, updatable = false)
    private Instant endsAt;

    /** Buyers who pass the gate get a ticket and their orders are created from a queue (FlashPurchaseListener). */
    @Column(nullable = false, updatable = false)
    private boolean queued;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected FlashSale() {
    }

    public FlashSale(long skuId, int units, int perCustomerLimit, BigDecimal price, Instant startsAt, Instant endsAt,
                     boolean queued, Instant now) {
        if (units <= 0 || perCustomerLimit <= 0 || !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("invalid flash sale");
        }
        this.skuId = skuId;
        this.units = units;
        this.perCustomerLimit = perCustomerLimit;
        this.price = price;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.queued = queued;
        this.createdAt = now;
    }

    public boolean isOpen(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public Long id() {
        return id;
    }

    public long skuId() {
        return skuId;
    }

    public int units() {
        return units;
    }

    public int perCustomerLimit() {
        return perCustomerLimit;
    }

    public BigDecimal price() {
        return price;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public boolean queued() {
        return queued;
    }
}
