package dev.mall.catalog.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "product")
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "category_id", nullable = false)
    private long categoryId;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 4000)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "product", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<Sku> skus = new ArrayList<>();

    protected Product() {
    }

    public Product(long categoryId, String name, String description, Instant createdAt) {
        this.categoryId = categoryId;
        this.name = name;
        this.description = description == null ? "" : description;
        this.createdAt = createdAt;
    }

    public Sku addSku(String skuName, java.math.BigDecimal price) {
        Sku sku = new Sku(this, skuName, price);
        skus.add(sku);
        return sku;
    }

    public Long id() {
        return id;
    }

    public long categoryId() {
        return categoryId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<Sku> skus() {
        return List.copyOf(skus);
    }
}
