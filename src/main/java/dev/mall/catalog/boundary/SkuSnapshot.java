package dev.mall.catalog.boundary;

import java.math.BigDecimal;

/** What an order copies from the catalog: the SKU's name and current price. */
public record SkuSnapshot(long skuId, String name, BigDecimal price) {
}
