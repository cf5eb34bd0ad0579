package dev.mall.inventory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An administrator's low-stock threshold for a SKU and whether its available units were at or below it after the last
 * change. A crossing is the moment the SKU goes from above to at-or-below: {@link #observe} says so once, and the next
 * crossing needs the units to rise above the threshold first.
 */
@Entity
@Table(name = "low_stock_threshold")
public class LowStockThreshold {

    @Id
    @Column(name = "sku_id")
    private long skuId;

    @Column(nullable = false)
    private int threshold;

    @Column(nullable = false)
    private boolean low;

    @Column(name = "crossed_at")
    private Instant crossedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected LowStockThreshold() {
    }

    public LowStockThreshold(long skuId, int threshold, Instant now) {
        this.skuId = skuId;
        change(threshold, now);
    }

    /** A new threshold; whether the SKU is low by it is for the next {@link #observe}. */
    public void change(int threshold, Instant now) {
        if (threshold < 0) {
            throw new IllegalArgumentException("a threshold is 0 or more");
        }
        this.threshold = threshold;
        this.updatedAt = now;
    }

    /** The SKU now has {@code available} units: true if that crossed the threshold downwards (the StockLow moment). */
    public boolean observe(int available, Instant now) {
        boolean atOrBelow = available <= threshold;
        if (atOrBelow == low) {
            return false;
        }
        low = atOrBelow;
        updatedAt = now;
        if (atOrBelow) {
            crossedAt = now;
        }
        return atOrBelow;
    }

    public long skuId() {
        return skuId;
    }

    public int threshold() {
        return threshold;
    }

    public boolean low() {
        return low;
    }

    public Instant crossedAt() {
        return crossedAt;
    }
}
