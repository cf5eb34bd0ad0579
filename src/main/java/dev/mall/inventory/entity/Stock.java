package dev.mall.inventory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;

/**
 * One stock row of a SKU: its ordinary stock (pool 0) or a flash sale's allocation (pool = sale id), in one
 * warehouse, possibly split into buckets. The stock of a SKU is the sum of its rows. It guards {@code 0 <= reserved <= onHand} itself (and the database's CHECK guards it again);
 * {@link Version} makes every change a compare-and-set, so two buyers who read the same row cannot both reserve from it.
 */
@Entity
@Table(name = "stock")
@IdClass(Stock.Key.class)
public class Stock {

    public static final long ORDINARY = 0;

    /** The primary key (sku_id, pool, warehouse_id, bucket). */
    public record Key(long skuId, long pool, long warehouseId, short bucket) implements Serializable {
        public Key() {
            this(0, 0, 0, (short) 0);
        }
    }

    @Id
    @Column(name = "sku_id")
    private long skuId;

    @Id
    private long pool;

    @Id
    @Column(name = "warehouse_id")
    private long warehouseId;

    @Id
    private short bucket;

    @Column(name = "on_hand", nullable = false)
    private int onHand;

    @Column(nullable = false)
    private int reserved;

    @Version
    private long version;

    protected Stock() {
    }

    public Stock(long skuId, long pool, long warehouseId, int bucket, int onHand) {
        if (onHand < 0) {
            throw new IllegalArgumentException("on hand must not be negative");
        }
        this.skuId = skuId;
        this.pool = pool;
        this.warehouseId = warehouseId;
        this.bucket = (short) bucket;
        this.onHand = onHand;
    }

    public Stock(long skuId, int onHand) {
        this(skuId, ORDINARY, Warehouse.DEFAULT, 0, onHand);
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

    /** Units leave this row for another one (a flash sale's pool, or a rebalanced bucket); never reserved units. */
    public void transferOut(int quantity) {
        if (quantity < 0 || quantity > available()) {
            throw new IllegalStateException("cannot move " + quantity + " units out of SKU " + skuId + ", available " + available());
        }
        onHand -= quantity;
    }

    public void transferIn(int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("negative transfer");
        }
        onHand += quantity;
    }

    public long skuId() {
        return skuId;
    }

    public long pool() {
        return pool;
    }

    public long warehouseId() {
        return warehouseId;
    }

    public int bucket() {
        return bucket;
    }

    public Key key() {
        return new Key(skuId, pool, warehouseId, bucket);
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
