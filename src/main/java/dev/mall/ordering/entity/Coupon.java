package dev.mall.ordering.entity;

import dev.mall.platform.domain.Refusal;
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
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A coupon: an amount or a percentage off an order's subtotal, for orders of at least {@code minSpend}, inside its
 * window, at most {@code totalLimit} live redemptions in all and {@code perCustomerLimit} per customer. It refuses a
 * redemption its rules do not allow ({@code coupon-invalid}); {@link #redeemed} counts the live ones (the database's
 * CHECK holds the total limit again). Whoever redeems holds the coupon's row lock, so the limits are checked against
 * the latest count.
 */
@Entity
@Table(name = "coupon")
public class Coupon {

    /** The unique key on the code (db/orders V12). */
    public static final String CODE_KEY = "uk_coupon_code";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 40, updatable = false)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8, updatable = false)
    private CouponKind kind;

    @Column(nullable = false, precision = 12, scale = 2, updatable = false)
    private BigDecimal value;

    @Column(name = "min_spend", precision = 12, scale = 2, updatable = false)
    private BigDecimal minSpend;

    @Column(name = "starts_at", nullable = false, updatable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false, updatable = false)
    private Instant endsAt;

    @Column(name = "total_limit", updatable = false)
    private Integer totalLimit;

    @Column(name = "per_customer_limit", updatable = false)
    private Integer perCustomerLimit;

    @Column(nullable = false)
    private int redeemed;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Coupon() {
    }

    public Coupon(String code, CouponKind kind, BigDecimal value, BigDecimal minSpend, Instant startsAt,
                  Instant endsAt, Integer totalLimit, Integer perCustomerLimit, Instant now) {
        if (value.signum() <= 0 || (kind == CouponKind.PERCENT && value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new IllegalArgumentException("a coupon takes off more than 0 and at most 100 %");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a coupon's window ends after it starts");
        }
        this.code = code;
        this.kind = kind;
        this.value = value.setScale(2, RoundingMode.UNNECESSARY);
        this.minSpend = minSpend == null ? null : minSpend.setScale(2, RoundingMode.UNNECESSARY);
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.totalLimit = totalLimit;
        this.perCustomerLimit = perCustomerLimit;
        this.createdAt = now;
    }

    /**
     * Redeems the coupon for an order of {@code subtotal} placed {@code now} by a customer who holds
     * {@code customerRedemptions} live redemptions of it; answers the discount (at most the subtotal).
     */
    public BigDecimal redeem(BigDecimal subtotal, int customerRedemptions, Instant now) {
        if (now.isBefore(startsAt) || !now.isBefore(endsAt)) {
            throw invalid("is valid from " + startsAt + " until " + endsAt);
        }
        if (minSpend != null && subtotal.compareTo(minSpend) < 0) {
            throw invalid("needs a subtotal of at least " + minSpend.toPlainString());
        }
        if (totalLimit != null && redeemed >= totalLimit) {
            throw invalid("has been used up");
        }
        if (perCustomerLimit != null && customerRedemptions >= perCustomerLimit) {
            throw invalid("may be used " + perCustomerLimit + " time(s) per customer");
        }
        redeemed++;
        BigDecimal discount = kind == CouponKind.AMOUNT ? value
                : subtotal.multiply(value).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        return discount.min(subtotal);
    }

    /** A redemption's order was cancelled or expired: the coupon may be used again. */
    public void giveBack() {
        if (redeemed <= 0) {
            throw new IllegalStateException("coupon " + code + " has no redemption to give back");
        }
        redeemed--;
    }

    private Refusal invalid(String why) {
        return new Refusal("coupon-invalid", "Coupon " + code + " " + why + ".");
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public CouponKind kind() {
        return kind;
    }

    public BigDecimal value() {
        return value;
    }

    public BigDecimal minSpend() {
        return minSpend;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public Integer totalLimit() {
        return totalLimit;
    }

    public Integer perCustomerLimit() {
        return perCustomerLimit;
    }

    public int redeemed() {
        return redeemed;
    }
}
