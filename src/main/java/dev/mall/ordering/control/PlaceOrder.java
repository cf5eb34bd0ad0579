package dev.mall.ordering.control;

import dev.mall.ordering.boundary.OrderRequest;
import dev.mall.cart.boundary.CartCheckout;
import dev.mall.inventory.boundary.ReservationRetry;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.persistence.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * Places an order at most once per (customer, Idempotency-Key), retrying an attempt that lost a race on stock (a
 * deadlock between two lockers of one SKU's buckets, rows busy for too long, an optimistic conflict) in a fresh
 * transaction with bounded, jittered backoff. Reserving waits for stock rows instead of failing on them
 * ({@link dev.mall.inventory.control.StockReservations}), so such a retry is rare and refusing after the last one
 * (409 stock-contention) rarer still. Deliberately not transactional itself: each attempt is its own XA
 * transaction ({@link OrderPlacement}), so a conflict rolls back one attempt, not the request.
 */
@ApplicationScoped
public class PlaceOrder {

    @Inject
    OrderPlacement placement;

    @Inject
    OrderQueries queries;

    @Inject
    ReservationRetry retry;

    @Inject
    ReservationPolicy policy;

    @Inject
    CartCheckout cart;

    @Inject
    Clock clock;

    @Inject
    @Metric(absolute = true, name = "mall.stock.optimistic.retries",
            description = "Order attempts rolled back by a lost race on stock (deadlock, rows busy, optimistic conflict) and tried again")
    Counter optimisticRetries;

    @Inject
    @Metric(absolute = true, name = "mall.stock.contention.refusals",
            description = "Orders refused with 409 stock-contention after the last retry")
    Counter contentionRefusals;

    /** The order and whether this call created it (false: the key was seen before and its order is answered again). */
    public record Placement(CustomerOrder order, boolean created) {
    }

    public Placement place(long customerId, String idempotencyKey, OrderRequest request) {
        Optional<CustomerOrder> earlier = queries.byIdempotencyKey(customerId, idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), request.fingerprint());
        }
        return placeNew(customerId, idempotencyKey, request);
    }

    /**
     * Orders the lines of the customer's cart; the placing transaction also removes them from the cart
     * ({@link OrderPlacement}). The key is looked up before the cart is read: a replay arrives after the first
     * request emptied the cart and must still get that order, not "the cart is empty".
     */
    public Placement placeFromCart(long customerId, String idempotencyKey) {
        return placeFromCart(customerId, idempotencyKey, null, null);
    }

    /** As {@link #placeFromCart(long, String)}, to {@code address} with {@code couponCode} (either null: none). */
    public Placement placeFromCart(long customerId, String idempotencyKey, OrderRequest.Address address,
                                   String couponCode) {
        String fingerprint = OrderRequest.cartFingerprint(address, couponCode);
        Optional<CustomerOrder> earlier = queries.byIdempotencyKey(customerId, idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), fingerprint);
        }
        SortedMap<Long, Integer> lines = cart.lines(customerId);
        if (lines.isEmpty()) {
            // A concurrent request with this key may have ordered the cart between our lookup and our read.
            Optional<CustomerOrder> concurrent = queries.byIdempotencyKey(customerId, idempotencyKey);
            if (concurrent.isPresent()) {
                return replay(concurrent.get(), fingerprint);
            }
            throw Refusal.invalid(List.of(new Refusal.Field("fromCart", "the cart is empty")));
        }
        return placeNew(customerId, idempotencyKey, OrderRequest.ofCart(lines).shippedTo(address)
                .withCoupon(couponCode));
    }

    private Placement placeNew(long customerId, String idempotencyKey, OrderRequest request) {
        try {
            return retry.run(last -> new Placement(placement.attempt(customerId, idempotencyKey, request,
                    clock.instant(), policy.timeout()), true), optimisticRetries::inc);
        } catch (RuntimeException e) {
            if (Conflicts.isUniqueKeyViolation(e, CustomerOrder.IDEMPOTENCY_KEY)) {
                // A concurrent request with this key committed first (its insert made ours wait): its order.
                Optional<CustomerOrder> winner = queries.byIdempotencyKey(customerId, idempotencyKey);
                if (winner.isPresent()) {
                    return replay(winner.get(), request.fingerprint());
                }
            }
            if (ReservationRetry.isRetried(e)) {
                contentionRefusals.inc();
                throw new Refusal("stock-contention",
                        "Too many buyers are reserving the same stock right now; try again.");
            }
            throw e;
        }
    }

    /** The earlier order of this key, if the request is the same; 422 if the key was used for another request. */
    public static Placement replay(CustomerOrder order, String fingerprint) {
        if (!order.requestHash().equals(fingerprint)) {
            throw new Refusal("idempotency-key-reused",
                    "This Idempotency-Key was used for a different order; use a new key for a new order.");
        }
        return new Placement(order, false);
    }
}
