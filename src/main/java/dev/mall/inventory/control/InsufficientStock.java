package dev.mall.inventory.control;

import dev.mall.platform.domain.Refusal;

/** Fewer units are available than asked for: definitive (409 {@code insufficient-stock}), not worth retrying. */
public class InsufficientStock extends Refusal {

    private static final long serialVersionUID = 1L;

    public InsufficientStock(long skuId, int requested, int available) {
        super("insufficient-stock",
                "SKU " + skuId + ": " + requested + " requested, " + Math.max(available, 0) + " available.");
    }
}
