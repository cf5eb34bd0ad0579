package dev.mall.flashsale.control;

import dev.mall.catalog.boundary.SkuPrices;
import dev.mall.catalog.boundary.SkuSnapshot;
import dev.mall.flashsale.entity.FlashSale;
import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.boundary.OrderRequest;
import dev.mall.ordering.boundary.OrderViews;
import dev.mall.ordering.boundary.Orders;
import dev.mall.ordering.boundary.StockSource;
import dev.mall.platform.domain.CustomerId;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A flash-sale order as one XA transaction, placed like an ordinary one (order rows, reservation, ReservationExpiry
 * message: ordering's {@link Orders#create}) from a stock source of its own ({@link #sourceFor}): the line is priced at
 * the sale's price, the customer's purchase row is checked and raised against the limit, and the units come from the
 * sale's stock pool. Every check here is exact on its own, which is
 * what makes the Redis gate an optimisation and the database path without it correct.
 */
@ApplicationScoped
public class FlashOrderPlacement {

    @Inject
    SkuPrices skus;

    @Inject
    FlashPurchases purchases;

    @Inject
    Inventory stock;

    @Inject
    Orders orders;

    @Inject
    FlashCompensation compensation;

    /**
     * A synchronous flash order: one attempt, one XA transaction of its own. {@code compensateGate}: if it does not
     * commit, the units it took at the gate go back (the caller's last attempt).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public OrderViews.OrderView attempt(long customerId, String idempotencyKey, OrderRequest request, FlashSale sale,
                                        boolean compensateGate, Instant now) {
        int units = request.quantities().get(sale.skuId());
        if (compensateGate) {
            // First, so that any failure below (or at commit) gives the gate its units back.
            compensation.giveBackIfRolledBack(sale.id(), customerId, units, idempotencyKey);
        }
        if (!sale.isOpen(now)) {
            throw new Refusal("flash-sale-closed",
                    "Flash sale " + sale.id() + " runs from " + sale.startsAt() + " to " + sale.endsAt() + ".");
        }
        return create(customerId, idempotencyKey, request, sale, now);
    }

    /**
     * The order's rows, the ReservationExpiry message, the customer's purchase row and the pool's units (in that
     * order, {@link Orders#create}), in the caller's transaction: a synchronous attempt's, or the transaction of a
     * queued purchase's message.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OrderViews.OrderView create(long customerId, String idempotencyKey, OrderRequest request, FlashSale sale,
                                       Instant now) {
        return orders.create(customerId, idempotencyKey, request, now, sourceFor(sale));
    }

    /** The sale's SKU at the sale's price; the customer's limit and the sale's pool hold the units. */
    private StockSource sourceFor(FlashSale sale) {
        return new StockSource() {
            @Override
            public List<Line> lines(OrderRequest request) {
                SkuSnapshot sku = skus.snapshots(request.quantities().keySet()).get(sale.skuId());
                return List.of(new Line(sku.skuId(), sku.name() + " (flash sale)", request.quantities().get(sale.skuId()),
                        sale.price()));
            }

            @Override
            public Optional<Long> flashSaleId() {
                return Optional.of(sale.id());
            }

            @Override
            public void hold(OrderId orderId, CustomerId customerId, OrderRequest request) {
                int units = request.quantities().get(sale.skuId());
                purchases.hold(sale.id(), customerId.value(), units, sale.perCustomerLimit());
                stock.reserveFromPool(orderId, new Inventory.Pool(sale.skuId(), sale.id()), units);
            }
        };
    }
}
