package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.domain.Refusal;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every change of an existing order, written once: in the caller's transaction (the MDB's XA transaction) or a new one,
 * <ol>
 * <li>lock the order row (SELECT … FOR UPDATE), so that a payment, an expiry, a cancellation, a shipment or a refund of
 * the same order at the same moment waits and then sees the result of this one;</li>
 * <li>no such order (or another customer's): 404, the same answer for both;</li>
 * <li>the {@link OrderTransition}'s change, through the entity, which refuses what its state machine forbids (409);</li>
 * <li>flush, so the database's transition trigger and the version check refuse before anything is published;</li>
 * <li>publish (events, stock, counters) in the same transaction;</li>
 * <li>the caller's answer, built from the order before the transaction ends (its lines are lazy).</li>
 * </ol>
 * ArchitectureTest holds that no other class locks an order, and that the status-changing methods of
 * {@link CustomerOrder} are called only by classes that go through here.
 */
@ApplicationScoped
public class OrderTransitions {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    /** Which order, seen by whom: a customer sees only their own orders, administrators and messages any. */
    public record Target(long orderId, Optional<Long> customerId) {

        public static Target own(long customerId, long orderId) {
            return new Target(orderId, Optional.of(customerId));
        }

        public static Target any(long orderId) {
            return new Target(orderId, Optional.empty());
        }

        boolean sees(CustomerOrder order) {
            return customerId.map(order::belongsTo).orElse(true);
        }
    }

    /** The order after a transition, and whether this call changed its status. */
    public record Transitioned(CustomerOrder order, boolean changed) {
    }

    /** Applies {@code transition} to the target order and answers {@code answer} of it; 404 if there is none. */
    @Transactional(Transactional.TxType.REQUIRED)
    public <V> V apply(Target target, OrderTransition transition, Function<CustomerOrder, V> answer) {
        return applyIfPresent(target, transition)
                .map(done -> answer.apply(done.order()))
                .orElseThrow(() -> Refusal.notFound("Order " + target.orderId()));
    }

    /**
     * Applies {@code transition} to the target order; empty if there is none (messages and the sweep answer that their
     * own way).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Transitioned> applyIfPresent(Target target, OrderTransition transition) {
        CustomerOrder order = orders.find(CustomerOrder.class, target.orderId(), LockModeType.PESSIMISTIC_WRITE);
        if (order == null && transaction.getRollbackOnly()) {
            // Hibernate answers null instead of the database error once the transaction is marked for rollback
            // (HHH-12472), e.g. when it timed out waiting for a database that went away. The order was not read, so
            // "no such order" would be a false alarm (and a lost expiry message); fail instead.
            throw new IllegalStateException("order " + target.orderId() + " could not be read: the transaction is"
                    + " marked for rollback");
        }
        if (order == null || !target.sees(order)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean changed = transition.change(order, now);
        if (changed) {
            orders.flush();
            transition.publish(order, now);
        }
        return Optional.of(new Transitioned(order, changed));
    }
}
