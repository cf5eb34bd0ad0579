package it.dev.mall.container;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test asked {@link ConflictingStockReservations} to do for a SKU — force a version conflict on its next n
 * reservation attempts — and what each attempt then came to.
 */
@ApplicationScoped
public class StockConflicts {

    /** One reservation attempt of the SKU: whether a conflict was forced on it, and what it threw (null: reserved). */
    public record Attempt(long skuId, boolean forced, Throwable failure) {
    }

    private final Map<Long, AtomicInteger> armed = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    /** The next {@code conflicts} attempts to reserve the SKU each meet a concurrent writer's commit. */
    public void arm(long skuId, int conflicts) {
        armed.put(skuId, new AtomicInteger(conflicts));
    }

    boolean takeOne(long skuId) {
        AtomicInteger left = armed.get(skuId);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void record(Attempt attempt) {
        attempts.add(attempt);
    }

    public List<Attempt> attempts(long skuId) {
        return attempts.stream().filter(attempt -> attempt.skuId() == skuId).toList();
    }
}
