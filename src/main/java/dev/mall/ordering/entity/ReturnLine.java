package dev.mall.ordering.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** Units of one SKU of a return and what they paid back: their order price less their share of the coupon. */
@Entity
@Table(name = "order_return_line")
public class ReturnLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "return_id")
    private OrderReturn orderReturn;

    @Column(name = "sku_id", nullable = false)
    private long skuId;

    @Column(nullable = false)
    private int quantity;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal amount;

    protected ReturnLine() {
    }

    ReturnLine(OrderReturn orderReturn, long skuId, int quantity, BigDecimal amount) {
        this.orderReturn = orderReturn;
        this.skuId = skuId;
        this.quantity = quantity;
        this.amount = amount;
    }

    public long skuId() {
        return skuId;
    }

    public int quantity() {
        return quantity;
    }

    public BigDecimal amount() {
        return amount;
    }
}
