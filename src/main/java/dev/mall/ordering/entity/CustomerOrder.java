package dev.mall.ordering.entity;

import dev.mall.platform.domain.CustomerId;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.PaymentId;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
import java.util.Optional;

/**
 * An order. It refuses any status change its state machine does not allow; {@link Version} turns each change into a
 * compare-and-set, and the database trigger refuses an illegal transition whatever code issues it.
 */
@Entity
@Table(name = "customer_order")
public class CustomerOrder {

    /** The unique key on (customer, Idempotency-Key) (db/orders V3): one order per key, whoever commits first. */
    public static final String IDEMPOTENCY_KEY = "uk_order_idempotency";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 32, updatable = false)
    private String number;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private OrderStatus status;

    /** The lines' sum; {@link #total} is what is paid: this less the coupon's discount. */
    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal subtotal;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal discount;

    @Column(name = "coupon_code", length = 40)
    private String couponCode;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal total;

    @Column(name = "idempotency_key", nullable = false, length = 100, updatable = false)
    private String idempotencyKey;

    @Column(name = "request_hash", nullable = false, length = 64, updatable = false)
    private String requestHash;

    @Column(name = "payment_id")
    private Long paymentId;

    @Column(name = "flash_sale_id", updatable = false)
    private Long flashSaleId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Null for an order placed without one (before addresses were taken, or by a client that sends none). */
    @Embedded
    private ShippingAddress shippingAddress;

    @Column(length = 40)
    private String carrier;

    @Column(name = "tracking_number", length = 64)
    private String trackingNumber;

    @Column(name = "shipped_at")
    private Instant shippedAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "order", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<OrderLine> lines = new ArrayList<>();

    protected CustomerOrder() {
    }

    public CustomerOrder(String number, long customerId, String idempotencyKey, String requestHash, Instant now,
                         Instant expiresAt) {
        this.number = number;
        this.customerId = customerId;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.status = OrderStatus.PENDING_PAYMENT;
        this.subtotal = BigDecimal.ZERO.setScale(2);
        this.discount = BigDecimal.ZERO.setScale(2);
        this.total = BigDecimal.ZERO.setScale(2);
        this.createdAt = now;
        this.updatedAt = now;
        this.expiresAt = expiresAt;
    }

    /** Marks a new order as bought in a flash sale (its units come from the sale's pool). */
    public void fromFlashSale(long saleId) {
        if (id != null) {
            throw new IllegalStateException("the sale is fixed once the order is placed");
        }
        this.flashSaleId = saleId;
    }

    /** Sets where a new order goes (before it is placed; an address is never changed afterwards). */
    public void shipTo(ShippingAddress address) {
        if (id != null) {
            throw new IllegalStateException("the address is fixed once the order is placed");
        }
        this.shippingAddress = address;
    }

    public void addLine(long skuId, String skuName, int quantity, BigDecimal unitPrice) {
        if (status != OrderStatus.PENDING_PAYMENT || id != null) {
            throw new IllegalStateException("lines are fixed once the order is placed");
        }
        if (couponCode != null) {
            throw new IllegalStateException("lines come before the coupon");
        }
        OrderLine line = new OrderLine(this, skuId, skuName, quantity, unitPrice);
        lines.add(line);
        subtotal = subtotal.add(line.lineTotal());
        total = subtotal;
    }

    /** The coupon redeemed for this unpaid order takes {@code amount} (at most the subtotal) off its total. */
    public void applyCoupon(String code, BigDecimal amount) {
        if (status != OrderStatus.PENDING_PAYMENT || couponCode != null) {
            throw new IllegalStateException("one coupon, before the order is paid");
        }
        if (amount.signum() < 0 || amount.compareTo(subtotal) > 0) {
            throw new IllegalArgumentException("a discount is between 0 and the subtotal");
        }
        this.couponCode = code;
        this.discount = amount;
        this.total = subtotal.subtract(amount);
    }

    public void markPaid(long payment, Instant now) {
        move(OrderStatus.PAID, now);
        this.paymentId = payment;
    }

    public void cancel(Instant now) {
        move(OrderStatus.CANCELLED, now);
    }

    /** Expires the order if it is unpaid and its time is up; false (nothing changed) otherwise. */
    public boolean expireIfDue(Instant now) {
        if (status != OrderStatus.PENDING_PAYMENT || now.isBefore(expiresAt)) {
            return false;
        }
        move(OrderStatus.EXPIRED, now);
        return true;
    }

    /**
     * PAID → SHIPPED with the parcel's carrier and tracking number (which the carrier's callback names), or with
     * neither (v1's ship, no body: then only an administrator's deliver completes the order).
     */
    public void ship(String carrier, String trackingNumber, Instant now) {
        if ((carrier == null) != (trackingNumber == null)) {
            throw new IllegalArgumentException("a parcel has both a carrier and a tracking number, or neither");
        }
        move(OrderStatus.SHIPPED, now);
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
        this.shippedAt = now;
    }

    /** SHIPPED → COMPLETED: the parcel reached the customer. */
    public void deliver(Instant now) {
        move(OrderStatus.COMPLETED, now);
        this.deliveredAt = now;
    }

    public void refund(Instant now) {
        move(OrderStatus.REFUNDED, now);
    }

    private void move(OrderStatus target, Instant now) {
        if (!status.canBecome(target)) {
            throw new IllegalTransition(id == null ? 0 : id, status, target);
        }
        status = target;
        updatedAt = now;
    }

    public boolean isPayable(Instant now) {
        return status == OrderStatus.PENDING_PAYMENT && now.isBefore(expiresAt);
    }

    public boolean belongsTo(long customer) {
        return customerId == customer;
    }

    public Long id() {
        return id;
    }

    /** The id as other domains are given it; only once the order is persisted. */
    public OrderId orderId() {
        return new OrderId(id);
    }

    public CustomerId customer() {
        return new CustomerId(customerId);
    }

    /** The payment that paid the order; empty while it is unpaid. */
    public Optional<PaymentId> payment() {
        return Optional.ofNullable(paymentId).map(PaymentId::new);
    }

    public String number() {
        return number;
    }

    public long customerId() {
        return customerId;
    }

    public OrderStatus status() {
        return status;
    }

    public BigDecimal total() {
        return total;
    }

    public BigDecimal subtotal() {
        return subtotal;
    }

    public BigDecimal discount() {
        return discount;
    }

    /**
     * What {@code units} of the SKU's line paid: their order price less their share of the coupon's discount (the
     * share of the subtotal they make up), rounded down to the cent so that the parts never add up to more than
     * was paid. 0 for a SKU the order does not have.
     */
    public BigDecimal netAmountOf(long skuId, int units) {
        BigDecimal gross = lines.stream().filter(line -> line.skuId() == skuId).findFirst()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(units))).orElse(BigDecimal.ZERO);
        if (subtotal.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return gross.multiply(total).divide(subtotal, 2, java.math.RoundingMode.DOWN);
    }

    /** The coupon this order carries, or null. */
    public String couponCode() {
        return couponCode;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String requestHash() {
        return requestHash;
    }

    public Long paymentId() {
        return paymentId;
    }

    public Long flashSaleId() {
        return flashSaleId;
    }

    public int units() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Optional<ShippingAddress> shippingAddress() {
        return Optional.ofNullable(shippingAddress);
    }

    public String carrier() {
        return carrier;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public Instant shippedAt() {
        return shippedAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public List<OrderLine> lines() {
        return List.copyOf(lines);
    }
}
