package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.metrics.Counter;

/** Stand-ins for the money path's unit tests: no container, no database, only the decisions. */
public final class Fakes {

    private Fakes() {
    }

    /** An EntityManager that finds {@code entity} (or null) for any id, records the lock modes asked for, flushes. */
    static final class OneEntity {
        final List<LockModeType> locks = new ArrayList<>();
        int flushes;
        final EntityManager manager;

        OneEntity(Object entity) {
            manager = (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                    new Class<?>[] {EntityManager.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "find" -> {
                            if (args.length > 2 && args[2] instanceof LockModeType lock) {
                                locks.add(lock);
                            }
                            yield entity != null && ((Class<?>) args[0]).isInstance(entity) ? entity : null;
                        }
                        case "flush" -> {
                            flushes++;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException("EntityManager." + method.getName());
                    });
        }
    }

    /** The transition template over {@code database}, at {@code now}, in a transaction that is not marked for rollback. */
    static OrderTransitions transitions(OneEntity database, Instant now) {
        OrderTransitions transitions = new OrderTransitions();
        transitions.orders = database.manager;
        transitions.clock = Clock.fixed(now, ZoneOffset.UTC);
        transitions.transaction = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                TransactionSynchronizationRegistry.class.getClassLoader(),
                new Class<?>[] {TransactionSynchronizationRegistry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRollbackOnly" -> false;
                    default -> throw new UnsupportedOperationException("TransactionSynchronizationRegistry." + method.getName());
                });
        return transitions;
    }

    /** A PENDING_PAYMENT order with one line and the given id, as the database would hand it out. */
    static CustomerOrder order(long id, Instant now) {
        CustomerOrder order = new CustomerOrder("M" + id, 42, "key-" + id, "hash", now, now.plusSeconds(900));
        order.addLine(7, "tea", 2, new java.math.BigDecimal("3.50"));
        try {
            Field field = CustomerOrder.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(order, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return order;
    }

    public static final class CountingCounter implements Counter {
        private long count;

        @Override
        public void inc() {
            count++;
        }

        @Override
        public void inc(long n) {
            count += n;
        }

        @Override
        public long getCount() {
            return count;
        }
    }
}
