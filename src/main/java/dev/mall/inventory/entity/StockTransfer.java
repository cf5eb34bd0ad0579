package dev.mall.inventory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Free units of a SKU moved from one warehouse to another, recorded in the transaction that moved them. */
@Entity
@Table(name = "stock_transfer")
public class StockTransfer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "sku_id", nullable = false)
    private long skuId;

    @Column(name = "from_warehouse_id", nullable = false)
    private long fromWarehouseId;

    @Column(name = "to_warehouse_id", nullable = false)
    private long toWarehouseId;

    @Column(nullable = false)
    private int quantity;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StockTransfer() {
    }

    public StockTransfer(long skuId, long fromWarehouseId, long toWarehouseId, int quantity, Instant now) {
        if (quantity <= 0 || fromWarehouseId == toWarehouseId) {
            throw new IllegalArgumentException("a transfer moves at least one unit between two warehouses");
        }
        this.skuId = skuId;
        this.fromWarehouseId = fromWarehouseId;
        this.toWarehouseId = toWarehouseId;
        this.quantity = quantity;
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    public long skuId() {
        return skuId;
    }

    public long fromWarehouseId() {
        return fromWarehouseId;
    }

    public long toWarehouseId() {
        return toWarehouseId;
    }

    public int quantity() {
        return quantity;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
