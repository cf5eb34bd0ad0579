package dev.mall.ordering.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One order's use of a coupon: REDEEMED while the order lives, RETURNED once it was cancelled or expired. */
@Entity
@Table(name = "coupon_redemption")
public class CouponRedemption {

    public static final String REDEEMED = "REDEEMED";
    public static final String RETURNED = "RETURNED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "coupon_id", nullable = false, updatable = false)
    private long couponId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(nullable = false, precision = 12, scale = 2, updatable = false)
    private BigDecimal discount;

    @Column(nullable = false, length = 10)
    private String status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CouponRedemption() {
    }

    public CouponRedemption(long couponId, long customerId, long orderId, BigDecimal discount, Instant now) {
        this.couponId = couponId;
        this.customerId = customerId;
        this.orderId = orderId;
        this.discount = discount;
        this.status = REDEEMED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The order was cancelled or expired; false if it had been given back already. */
    public boolean giveBack(Instant now) {
        if (!REDEEMED.equals(status)) {
            return false;
        }
        status = RETURNED;
        updatedAt = now;
        return true;
    }

    public long couponId() {
        return couponId;
    }

    public long orderId() {
        return orderId;
    }
}
