package dev.mall.ordering.control;

import dev.mall.ordering.boundary.OrderRequest;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.faults.InjectableFaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * One attempt at placing an order, as one XA transaction over three resources: the order and its lines (orders
 * database), the stock reservation (inventory database) and the ReservationExpiry message (Artemis); for an order of
 * the cart also the removal of the ordered cart lines (orders database): {@link OrderCreation} with the
 * {@link OrdinaryStock}. Any exception rolls all of it back, the cart included; {@link PlaceOrder} decides whether to
 * try again.
 */
@ApplicationScoped
public class OrderPlacement {

    @Inject
    OrderCreation creation;

    @Inject
    OrdinaryStock ordinaryStock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @InjectableFaults(commit = true)
    public CustomerOrder attempt(long customerId, String idempotencyKey, OrderRequest request, Instant now,
                                 Duration reservationTimeout) {
        return creation.create(customerId, idempotencyKey, request, now, reservationTimeout, ordinaryStock);
    }
}
