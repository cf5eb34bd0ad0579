package dev.mall.cart.control;

import dev.mall.platform.domain.Refusal;

/**
 * The cart no longer holds what was read for the order (changed or ordered by a concurrent request): 409, and the
 * order's transaction rolls back, so the customer reviews the cart and orders again.
 */
public class CartChanged extends Refusal {

    private static final long serialVersionUID = 1L;

    public CartChanged() {
        super("cart-changed",
                "The cart changed while the order was being placed; nothing was ordered. Review the cart and order again.");
    }
}
