package dev.mall.cart.boundary;

import dev.mall.cart.control.CartPricing;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** REST shapes of the cart (docs/API.md "Cart"); money as a decimal string with 2 places. */
public final class CartViews {

    private CartViews() {
    }

    public record CartLineView(@Schema(example = "7") long skuId,
                               @Schema(example = "Assam Second Flush – 100 g tin") String name,
                               @Schema(example = "2") int quantity,
                               @Schema(example = "8.90", description = "the catalog's current price") String unitPrice,
                               @Schema(example = "17.80") String lineTotal) {
    }

    public record CartView(List<CartLineView> items,
                           @Schema(example = "17.80") String total,
                           @Schema(description = "SKUs in the cart that the catalog no longer has: in no total, and "
                                   + "ordering the cart fails until they are removed") List<Long> unavailableSkuIds) {
    }

    public static CartView of(CartPricing.PricedCart cart) {
        return new CartView(cart.lines().stream()
                .map(line -> new CartLineView(line.skuId(), line.name(), line.quantity(),
                        line.unitPrice().toPlainString(), line.lineTotal().toPlainString()))
                .toList(), cart.total().toPlainString(), cart.unavailableSkuIds());
    }
}
