package dev.mall.inventory.control;

import dev.mall.inventory.entity.LowStockThreshold;
import dev.mall.inventory.entity.Stock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Low-stock alerts: after a transaction has changed the available ordinary units of some SKUs (a reservation, a
 * release, an administrator's count, a flash sale's allocation), the thresholds of those SKUs are locked and each
 * compared with the units available now; a SKU that crossed from above to at-or-below publishes StockLow in this same
 * transaction (so a rolled-back order publishes nothing).
 * <p>
 * Exactly once per crossing, also for a bucketed SKU whose buyers change different rows at once: the threshold row is
 * the last lock a changer takes in the inventory database (after its stock rows, SKUs in ascending id), and it is held
 * to the commit, so the changers of one SKU decide one after another, each reading the units as the ones before it
 * committed them plus its own (READ COMMITTED). Taking it last keeps the lock order of every use case (stock rows
 * before it, no other inventory row after it): no new deadlock. The cost: buyers of a SKU with a threshold queue on
 * this row from their reservation to their commit, buckets or not; a SKU without a threshold has no row and pays one
 * primary-key read.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LowStockAlerts {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Inject
    StockEvents events;

    @Inject
    Clock clock;

    /** Call after the change is written (flushed or not: the count below flushes first). */
    public void check(Collection<Long> skuIds) {
        if (skuIds.isEmpty()) {
            return;
        }
        List<LowStockThreshold> thresholds = inventory.createQuery("select t from LowStockThreshold t"
                        + " where t.skuId in :ids order by t.skuId", LowStockThreshold.class)
                .setParameter("ids", new TreeSet<>(skuIds))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (thresholds.isEmpty()) {
            return;
        }
        Map<Long, Integer> available = available(thresholds.stream().map(LowStockThreshold::skuId).toList());
        Instant now = clock.instant();
        for (LowStockThreshold threshold : thresholds) {
            int units = available.getOrDefault(threshold.skuId(), 0);
            if (threshold.observe(units, now)) {
                events.low(threshold.skuId(), units, threshold.threshold());
            }
        }
        inventory.flush();
    }

    /**
     * Sets (or changes) the SKU's threshold, under the lock of its stock rows, which the caller holds: no change of its
     * units can commit between the count here and this transaction's commit. If the SKU is at or below the new
     * threshold and was not before, that is a crossing too (StockLow).
     */
    public LowStockThreshold set(long skuId, int threshold) {
        Instant now = clock.instant();
        LowStockThreshold row = inventory.find(LowStockThreshold.class, skuId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new LowStockThreshold(skuId, threshold, now);
            inventory.persist(row);
        } else {
            row.change(threshold, now);
        }
        inventory.flush();
        check(List.of(skuId));
        return row;
    }

    /** Removes the SKU's threshold; false if it had none. */
    public boolean remove(long skuId) {
        LowStockThreshold row = inventory.find(LowStockThreshold.class, skuId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return false;
        }
        inventory.remove(row);
        return true;
    }

    /** A SKU at or below its threshold now. */
    public record LowSku(long skuId, int threshold, int available) {
    }

    /** Every SKU whose available ordinary units are at or below its threshold now, by SKU id. Reads only. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<LowSku> atOrBelow() {
        return inventory.createQuery("select t.skuId, t.threshold, sum(s.onHand - s.reserved)"
                        + " from LowStockThreshold t, Stock s where s.skuId = t.skuId and s.pool = :ordinary"
                        + " group by t.skuId, t.threshold having sum(s.onHand - s.reserved) <= t.threshold"
                        + " order by t.skuId", Object[].class)
                .setParameter("ordinary", Stock.ORDINARY)
                .getResultStream()
                .map(row -> new LowSku((Long) row[0], ((Number) row[1]).intValue(), ((Number) row[2]).intValue()))
                .toList();
    }

    private Map<Long, Integer> available(List<Long> skuIds) {
        Map<Long, Integer> result = new TreeMap<>();
        inventory.createQuery("select s.skuId, sum(s.onHand - s.reserved) from Stock s"
                        + " where s.skuId in :ids and s.pool = :ordinary group by s.skuId", Object[].class)
                .setParameter("ids", skuIds)
                .setParameter("ordinary", Stock.ORDINARY)
                .getResultList()
                .forEach(row -> result.put((Long) row[0], ((Number) row[1]).intValue()));
        return result;
    }
}
