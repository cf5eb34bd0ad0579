package dev.mall.ordering.control;

import dev.mall.ordering.boundary.OrderRequest;
import dev.mall.ordering.boundary.StockSource;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.ShippingAddress;
import dev.mall.platform.domain.CustomerId;
import dev.mall.platform.faults.FaultPoint;
import dev.mall.platform.faults.InjectableFaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * Creates an order, ordinary or flash, in the caller's XA transaction: its lines from the {@link StockSource}, the
 * order's rows (orders database), the ReservationExpiry message (Artemis), then the units held by the source
 * (inventory database, and for a flash order first the customer's purchase row). Any exception rolls all of it back. The caller
 * owns the transaction: {@link OrderPlacement} for an ordinary order, the flash sale's placement or its queue's
 * message for a flash order. Tests may fail it after the insert, the send or the units held ({@link InjectableFaults}
 * here and on {@link ReservationExpiryMessages#schedule}), to prove that all of it rolls back.
 */
@ApplicationScoped
public class OrderCreation {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    ReservationExpiryMessages expiryMessages;

    @Inject
    OrderNumbers numbers;

    @Inject
    OrderOutcomes outcomeCounts;

    @Inject
    Coupons coupons;

    @Transactional(Transactional.TxType.MANDATORY)
    @InjectableFaults(after = FaultPoint.AFTER_RESERVATION)
    public CustomerOrder create(long customerId, String idempotencyKey, OrderRequest request, Instant now,
                                Duration reservationTimeout, StockSource source) {
        var lines = source.lines(request);
        Instant expiresAt = ReservationPolicy.expiresAt(now, reservationTimeout);
        CustomerOrder order = new CustomerOrder(numbers.next(now), customerId, idempotencyKey, request.fingerprint(),
                now, expiresAt);
        source.flashSaleId().ifPresent(order::fromFlashSale);
        OrderRequest.Address address = request.shippingAddress();
        if (address != null) {
            order.shipTo(new ShippingAddress(address.name(), address.line1(), address.line2(), address.city(),
                    address.postalCode(), address.country()));
        }
        lines.forEach(line -> order.addLine(line.skuId(), line.skuName(), line.quantity(), line.unitPrice()));
        // The insert comes first: a concurrent request with the same idempotency key waits here on the unique key
        // until this transaction ends, and then fails fast instead of contending for stock it will not use.
        orders.persist(order);
        orders.flush();

        // The send before the stock or pool rows are locked: a send waits while the resource adapter reconnects to a
        // broker that went away, and other buyers of the same SKUs or sale should not wait behind rows held meanwhile,
        // until the transaction timeout (docs/RELIABILITY.md, fault 7). The message is part of this transaction: it is
        // delivered only if the units held below commit with it.
        expiryMessages.schedule(order.id(), Duration.between(now, expiresAt));

        // The coupon's row after the send and before the stock rows: the lock order of every use case
        // (docs/MONEY-PATH.md "Failures"). Only ordinary orders carry one (a flash sale has its own price).
        if (request.couponCode() != null) {
            coupons.redeem(order, request.couponCode());
        }
        source.hold(order.orderId(), new CustomerId(customerId), request);
        outcomeCounts.placed();
        return order;
    }
}
