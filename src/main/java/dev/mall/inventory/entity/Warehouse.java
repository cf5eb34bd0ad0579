package dev.mall.inventory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A place that holds stock. Reservations take units from warehouses in ascending {@code priority} (ties: ascending id),
 * splitting a line when the first cannot serve all of it. Warehouse 1 is the default one (created by the migration
 * that introduced warehouses): new SKUs open their stock there and {@code PUT /api/admin/skus/{id}/stock} counts it.
 */
@Entity
@Table(name = "warehouse")
public class Warehouse {

    public static final long DEFAULT = 1;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 32, unique = true)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false)
    private int priority;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Warehouse() {
    }

    public Warehouse(String code, String name, int priority, Instant now) {
        if (priority < 0) {
            throw new IllegalArgumentException("priority must not be negative");
        }
        this.code = code;
        this.name = name;
        this.priority = priority;
        this.createdAt = now;
    }

    /** A new name and priority (the code stays: it names the warehouse outside the shop). */
    public void change(String name, int priority) {
        if (priority < 0) {
            throw new IllegalArgumentException("priority must not be negative");
        }
        this.name = name;
        this.priority = priority;
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public int priority() {
        return priority;
    }
}
