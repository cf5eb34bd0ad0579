package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * One kind of change of an order (pay, cancel, expire, ship, refund, …), applied by {@link OrderTransitions} to the
 * order it has locked. A new transition is an entity method that moves the status (and so is refused where the state
 * machine forbids it) plus one of these, usually {@link #of}.
 */
public interface OrderTransition {

    /**
     * Changes the locked order through its own methods, or refuses (a {@link dev.mall.platform.domain.Refusal}, which
     * rolls the transaction back). False: the order's status was left as it was (a repeat, a part refund, not due yet)
     * and nothing is published.
     */
    boolean change(CustomerOrder order, Instant now);

    /**
     * What the change means for the rest of the shop: events, stock, counters. Runs once the change is flushed (the
     * database's transition trigger and the version check have accepted it), in the same transaction.
     */
    void publish(CustomerOrder order, Instant now);

    /** A transition that always changes the order (or refuses) and then publishes. */
    static OrderTransition of(BiConsumer<CustomerOrder, Instant> change, Consumer<CustomerOrder> publish) {
        return transition((order, now) -> {
            change.accept(order, now);
            return true;
        }, publish);
    }

    /**
     * A step that needs the order locked and in the right state but changes only other things (opening its payment):
     * {@code check} refuses when the order does not allow it; nothing is published.
     */
    static OrderTransition checking(BiConsumer<CustomerOrder, Instant> check) {
        return transition((order, now) -> {
            check.accept(order, now);
            return false;
        }, order -> {
            throw new IllegalStateException("a check changes nothing and publishes nothing");
        });
    }

    private static OrderTransition transition(BiPredicate<CustomerOrder, Instant> change, Consumer<CustomerOrder> publish) {
        return new OrderTransition() {
            @Override
            public boolean change(CustomerOrder order, Instant now) {
                return change.test(order, now);
            }

            @Override
            public void publish(CustomerOrder order, Instant now) {
                publish.accept(order);
            }
        };
    }
}
