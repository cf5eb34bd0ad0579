package dev.mall.catalog.control;

import dev.mall.catalog.entity.Product;
import java.math.BigDecimal;
import java.util.List;

/**
 * What {@code GET /api/products/{id}} shows of a product apart from stock: immutable, so one instance can sit in the
 * {@link ProductCache} and be shared by concurrent requests (an entity could not: it belongs to one persistence
 * context and may load lazily).
 */
public record ProductDetails(long id, String name, String description, long categoryId, List<SkuDetails> skus) {

    public record SkuDetails(long id, String name, BigDecimal price) {
    }

    public ProductDetails {
        skus = List.copyOf(skus);
    }

    /** Copies a product whose SKUs are loaded (fetched, or inside the transaction that loaded it). */
    public static ProductDetails of(Product product) {
        return new ProductDetails(product.id(), product.name(), product.description(), product.categoryId(),
                product.skus().stream().map(sku -> new SkuDetails(sku.id(), sku.name(), sku.price())).toList());
    }

    public List<Long> skuIds() {
        return skus.stream().map(SkuDetails::id).toList();
    }
}
