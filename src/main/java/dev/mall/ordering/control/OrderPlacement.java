package dev.mall.ordering.control;

import dev.mall.cart.boundary.CartCheckout;
import dev.mall.catalog.control.SkuPrices;
import dev.mall.catalog.control.SkuSnapshot;
import dev.mall.inventory.control.StockReservations;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.faults.FaultInjection;
import dev.mall.platform.faults.FaultPoint;
import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One attempt at placing an order, as one XA transaction over three resources: the order and its lines (orders
 * database), the stock reservation (inventory database) and the ReservationExpiry message (Artemis); for an order of
 * the cart also the removal of the ordered cart lines (orders database). Any exception rolls all of it back, the cart
 * included; {@link PlaceOrder} decides whether to try again.
 */
@ApplicationScoped
public class OrderPlacement {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    SkuPrices prices;

    @Inject
    StockReservations stock;

    @Inject
    ReservationExpiryMessages expiryMessages;

    @Inject
    CartCheckout cart;

    @Inject
    OrderNumbers numbers;

    @Inject
    FaultInjection faults;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public CustomerOrder attempt(long customerId, String idempotencyKey, OrderRequest request, Instant now,
                                 Duration reservationTimeout) {
        Map<Long, SkuSnapshot> skus = prices.snapshots(request.quantities().keySet());
        List<Problem.FieldError> unknown = new ArrayList<>();
        String field = request.fromCart() ? "fromCart" : "items.skuId";
        request.quantities().keySet().stream().filter(sku -> !skus.containsKey(sku))
                .forEach(sku -> unknown.add(new Problem.FieldError(field, "SKU " + sku + " does not exist")));
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        Instant expiresAt = ReservationPolicy.expiresAt(now, reservationTimeout);
        CustomerOrder order = new CustomerOrder(numbers.next(now), customerId, idempotencyKey, request.fingerprint(),
                now, expiresAt);
        request.quantities().forEach((skuId, quantity) -> {
            SkuSnapshot sku = skus.get(skuId);
            order.addLine(skuId, sku.name(), quantity, sku.price());
        });
        // The insert comes first: a concurrent request with the same idempotency key waits here on the unique key
        // until this transaction ends, and then fails fast instead of contending for stock it will not use.
        orders.persist(order);
        orders.flush();
        faults.at(FaultPoint.AFTER_ORDER_INSERT);

        // The send before the stock rows are locked: it waits while the resource adapter reconnects to a broker that
        // went away, and other buyers of the same SKUs should not wait behind it (docs/RELIABILITY.md, fault 7). The
        // message is part of this transaction: it is delivered only if the reservation below commits with it.
        expiryMessages.schedule(order.id(), Duration.between(now, expiresAt));
        faults.at(FaultPoint.AFTER_SEND);

        stock.reserve(order.id(), request.quantities());
        faults.at(FaultPoint.AFTER_RESERVATION);

        if (request.fromCart()) {
            // After the reservation: every attempt locks the stock rows (its version-checked updates) before the cart
            // rows, so two orders of one cart never wait on each other's rows in opposite orders. An attempt rolled
            // back (an optimistic conflict, a fault, the message) leaves the cart as it was; the next one removes
            // the lines again. If the cart changed meanwhile, CartChanged (409) rolls this order back.
            cart.removeOrdered(customerId, request.quantities());
        }

        faults.markForCommitFault();
        return order;
    }
}
