package it.dev.mall.container;

import dev.mall.ordering.control.PaidOrders;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.PaymentId;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's {@link PaidOrders}, counting how often a payment is applied and, when a test asks, failing its first n
 * applications the way a passing fault would (an exception inside the message-driven bean's transaction). Unarmed it
 * only counts.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
@ApplicationScoped
public class ObservedPaidOrders extends PaidOrders {

    private final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<Long, Integer> failFirst = new ConcurrentHashMap<>();

    /** The first {@code applications} applications of the payment throw. */
    public void failFirst(long paymentId, int applications) {
        failFirst.put(paymentId, applications);
    }

    /** How often the payment was applied (failed applications included). */
    public int applications(long paymentId) {
        AtomicInteger count = calls.get(paymentId);
        return count == null ? 0 : count.get();
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public void apply(PaymentId paymentId, OrderId orderId) {
        int call = calls.computeIfAbsent(paymentId.value(), id -> new AtomicInteger()).incrementAndGet();
        if (call <= failFirst.getOrDefault(paymentId.value(), 0)) {
            throw new PassingFault("application " + call + " of payment " + paymentId + " fails (test)");
        }
        super.apply(paymentId, orderId);
    }

    /** A failure that a later delivery does not meet. */
    public static class PassingFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PassingFault(String message) {
            super(message);
        }
    }
}
