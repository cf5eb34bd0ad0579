package dev.mall.inventory.boundary;

import java.util.Collection;
import java.util.Map;

/**
 * What the stock audit needs to know of orders, declared here and implemented by the ordering domain
 * ({@code ordering.boundary.OrderLedger}): ordering depends on the inventory, never the other way round.
 */
public interface OrderStatuses {

    /** The status of every order that holds or held units of these SKUs, by order id. */
    Map<Long, String> statusesForSkus(Collection<Long> skuIds);

    /** The status an order's reservations must have for the order's status (RESERVED, CONFIRMED, RELEASED). */
    String expectedReservationStatus(String orderStatus);
}
