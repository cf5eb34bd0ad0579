package dev.mall.ordering.control;

import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.boundary.OrderReleased;
import dev.mall.ordering.entity.CustomerOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Gives an unpaid order's units back when it is cancelled or expires, in the transaction that changed it. */
@ApplicationScoped
public class OrderReleases {

    @Inject
    Inventory stock;

    @Inject
    Event<OrderReleased> released;

    public void release(CustomerOrder order) {
        // The release event first: a flash order's observer lowers the customer's purchase row (orders database)
        // before the pool's rows are locked (inventory database), the order every flash purchase locks them in. The
        // two rows are in two XA branches, so InnoDB cannot see a cycle between them: the opposite order here
        // deadlocked expiries against queued purchases until the transaction timeout (docs/RELIABILITY.md, fault 7).
        released.fire(new OrderReleased(order.id(), order.customerId(), order.flashSaleId(), order.units()));
        stock.release(order.orderId());
    }
}
