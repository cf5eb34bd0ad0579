package dev.mall.cart.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** A cart line's key: the customer whose cart it is and the SKU. */
@Embeddable
public class CartItemId implements Serializable {

    private static final long serialVersionUID = 1L;

    @Column(name = "customer_id", nullable = false)
    private long customerId;

    @Column(name = "sku_id", nullable = false)
    private long skuId;

    protected CartItemId() {
    }

    public CartItemId(long customerId, long skuId) {
        this.customerId = customerId;
        this.skuId = skuId;
    }

    public long customerId() {
        return customerId;
    }

    public long skuId() {
        return skuId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CartItemId that && customerId == that.customerId && skuId == that.skuId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, skuId);
    }
}
