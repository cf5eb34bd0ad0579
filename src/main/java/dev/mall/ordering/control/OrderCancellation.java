package dev.mall.ordering.control;

import dev.mall.inventory.control.StockReservations;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.problem.ProblemException;
import dev.mall.ordering.entity.OrderReleased;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** The customer cancels an unpaid order: CANCELLED and its units released, in one XA transaction; 409 in other states. */
@ApplicationScoped
public class OrderCancellation {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    StockReservations stock;

    @Inject
    Event<OrderReleased> released;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRED)
    public CustomerOrder cancel(long customerId, long orderId) {
        CustomerOrder order = orders.find(CustomerOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null || !order.belongsTo(customerId)) {
            throw ProblemException.notFound("Order " + orderId);
        }
        order.cancel(clock.instant());
        orders.flush();
        // The release event first: a flash order's observer lowers the customer's purchase row (orders database)
        // before the pool's rows are locked (inventory database), the order every flash purchase locks them in. The
        // two rows are in two XA branches, so InnoDB cannot see a cycle between them: the opposite order here
        // deadlocked expiries against queued purchases until the transaction timeout (docs/RELIABILITY.md, fault 7).
        released.fire(new OrderReleased(order.id(), order.customerId(), order.flashSaleId(), order.units()));
        stock.release(orderId);
        order.lines().size();
        return order;
    }
}
