package dev.mall.flashsale.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** Units one customer holds or bought in one flash sale (orders database): the per-customer limit's source of truth. */
@Entity
@Table(name = "flash_purchase")
@IdClass(FlashPurchase.Key.class)
public class FlashPurchase {

    public record Key(long saleId, long customerId) implements Serializable {
        public Key() {
            this(0, 0);
        }
    }

    @Id
    @Column(name = "sale_id")
    private long saleId;

    @Id
    @Column(name = "customer_id")
    private long customerId;

    @Column(nullable = false)
    private int quantity;

    protected FlashPurchase() {
    }

    public long customerId() {
        return customerId;
    }

    public int quantity() {
        return quantity;
    }

    /** The limit rule: {@code more} units on top of {@code held} are within {@code limit}. */
    public static boolean allows(int held, int more, int limit) {
        return held + more <= limit;
    }
}
