package dev.mall.ordering.boundary;

import dev.mall.inventory.boundary.OrderStatuses;
import dev.mall.ordering.control.OrderQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** What the inventory audit may ask of orders: their statuses, and which reservation status each implies. */
@ApplicationScoped
public class OrderLedger implements OrderStatuses {

    @Inject
    OrderQueries queries;

    @Override
    public Map<Long, String> statusesForSkus(Collection<Long> skuIds) {
        Map<Long, String> statuses = new HashMap<>();
        queries.statusesForSkus(skuIds).forEach((id, status) -> statuses.put(id, status.name()));
        return statuses;
    }

    /** Unpaid orders hold RESERVED units, paid ones (and their later states) CONFIRMED, ended unpaid ones RELEASED. */
    @Override
    public String expectedReservationStatus(String orderStatus) {
        return switch (orderStatus) {
            case "PENDING_PAYMENT" -> "RESERVED";
            case "PAID", "SHIPPED", "COMPLETED", "REFUNDED" -> "CONFIRMED";
            case "CANCELLED", "EXPIRED" -> "RELEASED";
            default -> "UNKNOWN";
        };
    }
}
