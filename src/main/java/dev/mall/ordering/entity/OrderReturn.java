package dev.mall.ordering.entity;

import dev.mall.platform.domain.Refusal;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A customer's request to return units of a shipped order: REQUESTED, then REFUNDED (approved: the lines' amount paid
 * back, the units possibly restocked) or REJECTED, once. Its amount is fixed when it is requested: the lines at their
 * order prices, less their share of the order's coupon.
 */
@Entity
@Table(name = "order_return")
public class OrderReturn {

    public enum Status { REQUESTED, REFUNDED, REJECTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status;

    @Column(nullable = false, length = 500, updatable = false)
    private String reason;

    @Column(nullable = false, precision = 12, scale = 2, updatable = false)
    private BigDecimal amount;

    @Column
    private Boolean restocked;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "orderReturn", cascade = CascadeType.PERSIST)
    @OrderBy("skuId")
    private List<ReturnLine> lines = new ArrayList<>();

    protected OrderReturn() {
    }

    /** {@code units}: SKU id → units to return, each already checked against what the order may still return. */
    public OrderReturn(CustomerOrder order, Map<Long, Integer> units, String reason, Instant now) {
        this.orderId = order.id();
        this.customerId = order.customerId();
        this.status = Status.REQUESTED;
        this.reason = reason;
        this.createdAt = now;
        this.updatedAt = now;
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<Long, Integer> line : units.entrySet()) {
            ReturnLine returned = new ReturnLine(this, line.getKey(), line.getValue(),
                    order.netAmountOf(line.getKey(), line.getValue()));
            lines.add(returned);
            sum = sum.add(returned.amount());
        }
        this.amount = sum;
    }

    /** Approved: refunded, with the units restocked or not. */
    public void refund(boolean restock, Instant now) {
        decide(Status.REFUNDED, now);
        this.restocked = restock;
    }

    public void reject(Instant now) {
        decide(Status.REJECTED, now);
    }

    private void decide(Status target, Instant now) {
        if (status != Status.REQUESTED) {
            throw new Refusal("return-state", "Return " + id + " is " + status + " and cannot become " + target + ".");
        }
        status = target;
        updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public long orderId() {
        return orderId;
    }

    public long customerId() {
        return customerId;
    }

    public Status status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public BigDecimal amount() {
        return amount;
    }

    public Boolean restocked() {
        return restocked;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<ReturnLine> lines() {
        return List.copyOf(lines);
    }
}
