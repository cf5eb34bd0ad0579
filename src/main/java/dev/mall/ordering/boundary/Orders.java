package dev.mall.ordering.boundary;

import dev.mall.ordering.control.OrderCreation;
import dev.mall.ordering.control.OrderQueries;
import dev.mall.ordering.control.PlaceOrder;
import dev.mall.ordering.control.ReservationPolicy;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.persistence.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What other domains may do with orders: create one from a stock source of their own (a flash sale's), in their
 * transaction, and find the order of an Idempotency-Key. Orders leave the domain as {@link OrderViews.OrderView}s.
 */
@ApplicationScoped
public class Orders {

    /** The order and whether this call created it (false: the key was seen before and its order is answered again). */
    public record Placement(OrderViews.OrderView order, boolean created) {
    }

    /** An order of a flash sale as the sale's gate knows it: whose, under which key, how many units. */
    public record SaleOrderKey(long customerId, String idempotencyKey, int units) {
    }

    @Inject
    OrderCreation creation;

    @Inject
    OrderQueries queries;

    @Inject
    ReservationPolicy policy;

    /**
     * Creates the order in the caller's transaction ({@link OrderCreation}): lines and units from {@code source}, the
     * reservation timeout of the configuration (or of the test directives of the request).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OrderViews.OrderView create(long customerId, String idempotencyKey, OrderRequest request, Instant now,
                                       StockSource source) {
        return OrderViews.of(creation.create(customerId, idempotencyKey, request, now, policy.timeout(), source));
    }

    /**
     * The earlier order of this customer's key, answered again if {@code request} is the same; refused
     * ({@code idempotency-key-reused}) if the key was used for another request; empty if the key is new.
     */
    public Optional<Placement> earlier(long customerId, String idempotencyKey, OrderRequest request) {
        return queries.byIdempotencyKey(customerId, idempotencyKey)
                .map(order -> PlaceOrder.replay(order, request.fingerprint()))
                .map(replayed -> new Placement(OrderViews.of(replayed.order()), false));
    }

    /**
     * Whether {@code failure} says that a concurrent request with the same Idempotency-Key committed its order first
     * (then {@link #earlier} answers with that order).
     */
    public boolean keyTakenBy(Throwable failure) {
        return Conflicts.isUniqueKeyViolation(failure, CustomerOrder.IDEMPOTENCY_KEY);
    }

    /** Whether the customer has an order of this key. */
    public boolean exists(long customerId, String idempotencyKey) {
        return queries.byIdempotencyKey(customerId, idempotencyKey).isPresent();
    }

    /** The key and units of every order of the flash sale (to rebuild its gate), whatever the order's status. */
    public List<SaleOrderKey> keysOfFlashSale(long saleId) {
        return queries.keysOfFlashSale(saleId).stream()
                .map(row -> new SaleOrderKey((Long) row[0], (String) row[1], ((Number) row[2]).intValue()))
                .toList();
    }
}
