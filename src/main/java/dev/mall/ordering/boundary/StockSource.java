package dev.mall.ordering.boundary;

import dev.mall.platform.domain.CustomerId;
import dev.mall.platform.domain.OrderId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Where an order's lines, prices and units come from: the one thing in which an ordinary order and a flash-sale order
 * differ. Both are placed the same way ({@code ordering.control.OrderCreation}): lines, the order's rows, the units
 * held, the ReservationExpiry message, all in the caller's transaction. The ordinary source prices the catalog's SKUs
 * and holds the ordinary stock (and empties the cart of what was ordered); a flash sale's prices its one SKU at the
 * sale's price and holds the customer's limit and the sale's pool.
 */
public interface StockSource {

    /** One line of the order as it will be stored. */
    record Line(long skuId, String skuName, int quantity, BigDecimal unitPrice) {
    }

    /** The lines to order, priced; refuses a request that cannot be ordered (an unknown SKU). */
    List<Line> lines(OrderRequest request);

    /** The flash sale the order comes from, if any (its units go back to that sale when the order is released). */
    default Optional<Long> flashSaleId() {
        return Optional.empty();
    }

    /** Holds the order's units, in the order's transaction, once its rows are inserted. */
    void hold(OrderId orderId, CustomerId customerId, OrderRequest request);
}
