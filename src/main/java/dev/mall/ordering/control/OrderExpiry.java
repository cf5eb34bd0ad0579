package dev.mall.ordering.control;

import dev.mall.inventory.control.StockReservations;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderReleased;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Expires an unpaid order whose reservation ran out and gives its units back, in the caller's transaction (the MDB's
 * XA transaction, or a new one for the sweep). The order row is locked first (SELECT ... FOR UPDATE): a payment being
 * applied at the same moment takes the same lock, so exactly one of the two changes the order and the other sees the
 * result. Applying it twice, or after the order was paid or cancelled, changes nothing.
 */
@ApplicationScoped
public class OrderExpiry {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    StockReservations stock;

    @Inject
    Event<OrderReleased> released;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    public enum Outcome {
        /** This call expired the order and released its units. */
        EXPIRED,
        /** The order was paid, cancelled or expired already, or is not due yet: nothing changed. */
        UNCHANGED,
        /** No such order: a message or sweep entry that should not exist. */
        NO_SUCH_ORDER
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Outcome expire(long orderId) {
        CustomerOrder order = orders.find(CustomerOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            if (transaction.getRollbackOnly()) {
                // Hibernate answers null instead of the database error once the transaction is marked for rollback
                // (HHH-12472), e.g. when it timed out waiting for a database that went away. The order was not read,
                // so "no such order" would be a false alarm; fail instead, and the message is delivered again.
                throw new IllegalStateException("order " + orderId + " could not be read: the transaction is marked"
                        + " for rollback");
            }
            return Outcome.NO_SUCH_ORDER;
        }
        if (!order.expireIfDue(clock.instant())) {
            return Outcome.UNCHANGED;
        }
        orders.flush();
        // The release event first: a flash order's observer lowers the customer's purchase row (orders database)
        // before the pool's rows are locked (inventory database), the order every flash purchase locks them in. The
        // two rows are in two XA branches, so InnoDB cannot see a cycle between them: the opposite order here
        // deadlocked expiries against queued purchases until the transaction timeout (docs/RELIABILITY.md, fault 7).
        released.fire(new OrderReleased(order.id(), order.customerId(), order.flashSaleId(), order.units()));
        stock.release(orderId);
        return Outcome.EXPIRED;
    }
}
