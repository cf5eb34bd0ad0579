package dev.mall.cart.control;

import dev.mall.catalog.boundary.SkuSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices a cart with the catalog's current prices. A SKU the catalog no longer knows has no price: it is listed
 * apart, counts in no total, and ordering the cart fails on it until the customer removes it — a cart must not
 * silently turn into a different order.
 */
public final class CartPricing {

    private CartPricing() {
    }

    /** A line as the cart holds it. */
    public record Line(long skuId, int quantity) {
    }

    public record PricedLine(long skuId, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    public record PricedCart(List<PricedLine> lines, BigDecimal total, List<Long> unavailableSkuIds) {
    }

    public static PricedCart price(List<Line> lines, Map<Long, SkuSnapshot> catalog) {
        List<PricedLine> priced = new ArrayList<>();
        List<Long> unavailable = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Line line : lines) {
            SkuSnapshot sku = catalog.get(line.skuId());
            if (sku == null) {
                unavailable.add(line.skuId());
                continue;
            }
            BigDecimal unitPrice = sku.price().setScale(2, RoundingMode.UNNECESSARY);
            BigDecimal lineTotal = unitPrice.multiply(BigDecimal.valueOf(line.quantity()));
            priced.add(new PricedLine(line.skuId(), sku.name(), line.quantity(), unitPrice, lineTotal));
            total = total.add(lineTotal);
        }
        return new PricedCart(List.copyOf(priced), total, List.copyOf(unavailable));
    }
}
