package dev.mall.cart.control;

import dev.mall.cart.entity.CartItem;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Customers' carts (orders database): read, set a line's quantity, remove lines. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class Carts {

    /** As many lines as one order may have (POST /api/orders takes at most 50 items). */
    public static final int MAX_LINES = 50;

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    /** The customer's lines, in the order they were added (a read-only transaction: see OrderQueries). */
    public List<CartItem> items(long customerId) {
        return orders.createQuery("select c from CartItem c where c.id.customerId = :customer"
                        + " order by c.addedAt, c.id.skuId", CartItem.class)
                .setParameter("customer", customerId)
                .getResultList();
    }

    /** SKU id → units, for ordering the cart. */
    public SortedMap<Long, Integer> quantities(long customerId) {
        SortedMap<Long, Integer> quantities = new TreeMap<>();
        items(customerId).forEach(item -> quantities.put(item.skuId(), item.quantity()));
        return quantities;
    }

    /**
     * Sets the units of a SKU in the cart: 0 removes the line, 1 to 1000 adds or replaces it. One upsert (INSERT ...
     * ON DUPLICATE KEY UPDATE) rather than find-then-persist: two PUTs of a new SKU at once (a double click) would
     * otherwise both insert, and the second fail on the primary key. The customer's row is locked first (SELECT ...
     * FOR UPDATE), so the changes of one cart queue up and the line limit holds under concurrent PUTs of different
     * new SKUs too. (Ordering the cart locks stock rows, then cart rows, never the customer row: no lock cycle.)
     *
     * @throws Refusal {@code cart-full} for a new SKU when the cart has {@link #MAX_LINES} lines
     */
    @Transactional
    public void put(long customerId, long skuId, int quantity) {
        if (quantity == 0) {
            delete(customerId, skuId);
            return;
        }
        CartItem.checkQuantity(quantity);
        orders.createNativeQuery("SELECT id FROM customer WHERE id = :customer FOR UPDATE")
                .setParameter("customer", customerId)
                .getResultList();
        if (!contains(customerId, skuId) && lineCount(customerId) >= MAX_LINES) {
            throw new Refusal("cart-full",
                    "A cart holds at most " + MAX_LINES + " different SKUs; order or remove some first.");
        }
        orders.createNativeQuery("INSERT INTO cart_item (customer_id, sku_id, quantity)"
                        + " VALUES (:customer, :sku, :quantity)"
                        + " ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), updated_at = CURRENT_TIMESTAMP(3)")
                .setParameter("customer", customerId)
                .setParameter("sku", skuId)
                .setParameter("quantity", quantity)
                .executeUpdate();
    }

    /** Removes a SKU from the cart; nothing happens if it is not there. */
    @Transactional
    public void remove(long customerId, long skuId) {
        delete(customerId, skuId);
    }

    /**
     * Removes the lines an order was placed for, in the order's transaction. Each line must still hold exactly the
     * units that were ordered: a line changed or removed since the cart was read (by the customer, or by a
     * concurrent order of the same cart, whose deletes this one waits for) means the order is not what the cart now
     * holds, and {@link CartChanged} rolls the order back. Lines added meanwhile stay in the cart.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeOrdered(long customerId, Map<Long, Integer> ordered) {
        for (Map.Entry<Long, Integer> line : new TreeMap<>(ordered).entrySet()) {
            int deleted = orders.createQuery("delete from CartItem c where c.id.customerId = :customer"
                            + " and c.id.skuId = :sku and c.quantity = :quantity")
                    .setParameter("customer", customerId)
                    .setParameter("sku", line.getKey())
                    .setParameter("quantity", line.getValue())
                    .executeUpdate();
            if (deleted != 1) {
                throw new CartChanged();
            }
        }
    }

    private void delete(long customerId, long skuId) {
        orders.createQuery("delete from CartItem c where c.id.customerId = :customer and c.id.skuId = :sku")
                .setParameter("customer", customerId)
                .setParameter("sku", skuId)
                .executeUpdate();
    }

    private boolean contains(long customerId, long skuId) {
        return orders.createQuery("select count(c) from CartItem c where c.id.customerId = :customer"
                        + " and c.id.skuId = :sku", Long.class)
                .setParameter("customer", customerId)
                .setParameter("sku", skuId)
                .getSingleResult() > 0;
    }

    private long lineCount(long customerId) {
        return orders.createQuery("select count(c) from CartItem c where c.id.customerId = :customer", Long.class)
                .setParameter("customer", customerId)
                .getSingleResult();
    }
}
