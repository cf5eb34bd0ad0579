package dev.mall.cart.boundary;

import dev.mall.cart.control.Carts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.SortedMap;

/** What ordering may ask of the cart: its lines, and to remove the lines an order was placed for. */
@ApplicationScoped
public class CartCheckout {

    @Inject
    Carts carts;

    /** SKU id → units in the customer's cart (empty if there is none). */
    public SortedMap<Long, Integer> lines(long customerId) {
        return carts.quantities(customerId);
    }

    /**
     * In the placing transaction: removes the ordered lines, or throws a 409 (rolling the order back) if the cart no
     * longer holds exactly them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeOrdered(long customerId, Map<Long, Integer> ordered) {
        carts.removeOrdered(customerId, ordered);
    }
}
