package dev.mall.cart.entity;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Units of one SKU in one customer's cart. Read through JPA; written by {@code Carts} with a single upsert (see there
 * why), after {@link #checkQuantity} — the database's CHECK holds the same bounds.
 */
@Entity
@Table(name = "cart_item")
public class CartItem {

    public static final int MAX_QUANTITY = 1000;

    @EmbeddedId
    private CartItemId id;

    @Column(nullable = false)
    private int quantity;

    @Column(name = "added_at", nullable = false, insertable = false, updatable = false)
    private Instant addedAt;

    protected CartItem() {
    }

    /** A line holds 1 to {@link #MAX_QUANTITY} units; 0 is not a line (it removes one). */
    public static int checkQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("a cart line holds 1 to " + MAX_QUANTITY + " units, not " + quantity);
        }
        return quantity;
    }

    public long customerId() {
        return id.customerId();
    }

    public long skuId() {
        return id.skuId();
    }

    public int quantity() {
        return quantity;
    }

    public Instant addedAt() {
        return addedAt;
    }
}
