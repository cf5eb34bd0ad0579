package dev.mall.flashsale.control;

import dev.mall.catalog.control.SkuPrices;
import dev.mall.catalog.control.SkuSnapshot;
import dev.mall.flashsale.entity.FlashSale;
import dev.mall.inventory.control.StockReservations;
import dev.mall.ordering.control.OrderNumbers;
import dev.mall.ordering.control.OrderRequest;
import dev.mall.ordering.control.ReservationExpiryMessages;
import dev.mall.ordering.control.ReservationPolicy;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.faults.FaultInjection;
import dev.mall.platform.faults.FaultPoint;
import dev.mall.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * A flash-sale order as one XA transaction, like an ordinary one (order rows, reservation, ReservationExpiry message)
 * with three differences: the line is priced at the sale's price, the customer's purchase row is checked and raised
 * against the limit, and the units come from the sale's stock pool. Every check here is exact on its own, which is
 * what makes the Redis gate an optimisation and the database path without it correct.
 */
@ApplicationScoped
public class FlashOrderPlacement {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    SkuPrices skus;

    @Inject
    FlashPurchases purchases;

    @Inject
    StockReservations stock;

    @Inject
    ReservationExpiryMessages expiryMessages;

    @Inject
    OrderNumbers numbers;

    @Inject
    FlashCompensation compensation;

    @Inject
    FaultInjection faults;

    /**
     * A synchronous flash order: one attempt, one XA transaction of its own. {@code compensateGate}: if it does not
     * commit, the units it took at the gate go back (the caller's last attempt).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public CustomerOrder attempt(long customerId, String idempotencyKey, OrderRequest request, FlashSale sale,
                                 boolean compensateGate, Instant now, Duration reservationTimeout) {
        int units = request.quantities().get(sale.skuId());
        if (compensateGate) {
            // First, so that any failure below (or at commit) gives the gate its units back.
            compensation.giveBackIfRolledBack(sale.id(), customerId, units, idempotencyKey);
        }
        if (!sale.isOpen(now)) {
            throw ProblemException.unprocessable("flash-sale-closed", "Outside the sale's window",
                    "Flash sale " + sale.id() + " runs from " + sale.startsAt() + " to " + sale.endsAt() + ".");
        }
        return create(customerId, idempotencyKey, request, sale, now, reservationTimeout);
    }

    /**
     * The order's rows, the ReservationExpiry message, the customer's purchase row and the pool's units (in that
     * order), in the caller's transaction: a synchronous attempt's, or the transaction of a queued purchase's message.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerOrder create(long customerId, String idempotencyKey, OrderRequest request, FlashSale sale,
                                Instant now, Duration reservationTimeout) {
        int units = request.quantities().get(sale.skuId());
        SkuSnapshot sku = skus.snapshots(request.quantities().keySet()).get(sale.skuId());
        Instant expiresAt = ReservationPolicy.expiresAt(now, reservationTimeout);
        CustomerOrder order = new CustomerOrder(numbers.next(now), customerId, idempotencyKey, request.fingerprint(),
                now, expiresAt);
        order.fromFlashSale(sale.id());
        order.addLine(sku.skuId(), sku.name() + " (flash sale)", units, sale.price());
        orders.persist(order);
        orders.flush();
        faults.at(FaultPoint.AFTER_ORDER_INSERT);

        // The send before the sale's shared rows are locked: a send waits while the resource adapter reconnects to
        // a broker that went away, and every purchase and expiry of the sale would wait behind a pool row held
        // meanwhile, until the transaction timeout (docs/RELIABILITY.md, fault 7). The message is part of this
        // transaction, so it is delivered only if the reservation below commits with it.
        expiryMessages.schedule(order.id(), Duration.between(now, expiresAt));
        faults.at(FaultPoint.AFTER_SEND);

        purchases.hold(sale.id(), customerId, units, sale.perCustomerLimit());
        stock.reserveFromPool(order.id(), sale.skuId(), sale.id(), units);
        faults.at(FaultPoint.AFTER_RESERVATION);
        return order;
    }
}
