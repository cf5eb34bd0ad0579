package dev.mall.inventory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The stock of one SKU. It guards {@code 0 <= reserved <= onHand} itself (and the database's CHECK guards it again);
 * {@link Version} makes every change a compare-and-set, so two buyers who read the same row cannot both reserve from it.
 */
@Entity
@Table(name = "stock")
public class Stock {

    @Id
    @Column(name = "sku_id")
    private long skuId;

    @Column(name = "on_hand", nullable = false)
    private int onHand;

    @Column(nullable = false)
    private int reserved;

    @Version
    private long version;

    protected Stock() {
    }

    public Stock(long skuId, int onHand) {
        if (onHand < 0) {
            throw new IllegalArgumentException("on hand must not be negative");
        }
        this.skuId = skuId;
        this.onHand = onHand;
    }

    public int available() {
        return onHand - reserved;
    }

    public boolean canReserve(int quantity) {
        return quantity > 0 && available() >= quantity;
    }

    public void reserve(int quantity) {
        if (!canReserve(quantity)) {
            throw new IllegalStateException("cannot reserve " + quantity + " of SKU " + skuId + ", available " + available());
        }
        reserved += quantity;
    }

    /** An unpaid order gave its units back (expired or cancelled). */
    public void release(int quantity) {
        if (quantity <= 0 || quantity > reserved) {
            throw new IllegalStateException("cannot release " + quantity + " of SKU " + skuId + ", reserved " + reserved);
        }
        reserved -= quantity;
    }

    /** A paid order's units leave the shelf: they stop being reserved and stop being on hand. */
    public void confirm(int quantity) {
        if (quantity <= 0 || quantity > reserved || quantity > onHand) {
            throw new IllegalStateException("cannot confirm " + quantity + " of SKU " + skuId + ", reserved " + reserved);
        }
        reserved -= quantity;
        onHand -= quantity;
    }

    /** An administrator's count of the shelf; never below what unpaid orders hold. */
    public void setOnHand(int newOnHand) {
        if (newOnHand < reserved) {
            throw new IllegalStateException("on hand " + newOnHand + " is below reserved " + reserved);
        }
        onHand = newOnHand;
    }

    public long skuId() {
        return skuId;
    }

    public int onHand() {
        return onHand;
    }

    public int reserved() {
        return reserved;
    }

    public long version() {
        return version;
    }
}
