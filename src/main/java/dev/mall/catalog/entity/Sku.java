package dev.mall.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A sellable variant of a product with its current price (money: 2 decimal places). */
@Entity
@Table(name = "sku")
public class Sku {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id")
    private Product product;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal price;

    protected Sku() {
    }

    Sku(Product product, String name, BigDecimal price) {
        this.product = product;
        this.name = name;
        this.price = money(price);
    }

    /** A new current price; orders placed before keep the price they were placed with (their line snapshot). */
    public void reprice(BigDecimal newPrice) {
        this.price = money(newPrice);
    }

    /** Positive, at most 2 decimal places (the database's CHECK refuses 0 and below again). */
    private static BigDecimal money(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("a price must be positive");
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public Long id() {
        return id;
    }

    public Product product() {
        return product;
    }

    public String name() {
        return name;
    }

    public BigDecimal price() {
        return price;
    }
}
