package dev.mall.inventory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Units of one stock row (SKU, pool, warehouse, bucket) held by one order: one allocation of an order line. Only RESERVED moves, once, to CONFIRMED or RELEASED. */
@Entity
@Table(name = "reservation")
public class Reservation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false)
    private long orderId;

    @Column(name = "sku_id", nullable = false)
    private long skuId;

    @Column(nullable = false)
    private long pool;

    @Column(name = "warehouse_id", nullable = false)
    private long warehouseId;

    @Column(nullable = false)
    private short bucket;

    @Column(nullable = false)
    private int quantity;

    /** Units of a CONFIRMED reservation that came back with approved returns (restocked into its warehouse). */
    @Column(nullable = false)
    private int returned;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ReservationStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Reservation() {
    }

    public Reservation(long orderId, Stock.Key row, int quantity, Instant now) {
        this.orderId = orderId;
        this.skuId = row.skuId();
        this.pool = row.pool();
        this.warehouseId = row.warehouseId();
        this.bucket = row.bucket();
        this.quantity = quantity;
        this.status = ReservationStatus.RESERVED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void confirm(Instant now) {
        move(ReservationStatus.CONFIRMED, now);
    }

    public void release(Instant now) {
        move(ReservationStatus.RELEASED, now);
    }

    private void move(ReservationStatus target, Instant now) {
        if (status != ReservationStatus.RESERVED) {
            throw new IllegalStateException("reservation " + id + " is " + status + ", cannot become " + target);
        }
        status = target;
        updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public long orderId() {
        return orderId;
    }

    public long skuId() {
        return skuId;
    }

    public Stock.Key row() {
        return new Stock.Key(skuId, pool, warehouseId, bucket);
    }

    public long pool() {
        return pool;
    }

    public int quantity() {
        return quantity;
    }

    public long warehouseId() {
        return warehouseId;
    }

    /** Sold units of this reservation not yet returned. */
    public int returnable() {
        return status == ReservationStatus.CONFIRMED ? quantity - returned : 0;
    }

    /** {@code units} of this sold reservation came back (restocked into its warehouse). */
    public void returned(int units, Instant now) {
        if (units <= 0 || units > returnable()) {
            throw new IllegalStateException("cannot return " + units + " units of reservation " + id);
        }
        returned += units;
        updatedAt = now;
    }

    public ReservationStatus status() {
        return status;
    }
}
