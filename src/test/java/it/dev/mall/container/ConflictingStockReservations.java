package it.dev.mall.container;

import dev.mall.inventory.control.StockReservations;
import dev.mall.inventory.entity.Stock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;

/**
 * The shop's {@link StockReservations}, able to lose one @Version race on demand. Reserving locks the stock row it
 * takes units from (docs/MONEY-PATH.md "Hot SKUs"), so two buyers no longer collide on the version; what the version
 * check still catches is a write from a stale row — a row this transaction read before another writer's commit — and
 * the placing code treats that like a lost lock race: the attempt rolls back and is tried again. When a test has armed
 * {@link StockConflicts} for a SKU, an attempt first reads the SKU's stock rows without a lock (they stay in its
 * persistence context, version v), then another transaction — an administrator's restock of one unit, through the
 * shop's own {@link StockReservations#setOnHand} — commits (version v + 1); the shop's reserve then locks the row,
 * gets the managed instance back, and its version-checked UPDATE finds no row of version v: an
 * OptimisticLockException in the attempt's XA transaction. Unarmed, it is the shop's bean unchanged.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
@ApplicationScoped
public class ConflictingStockReservations extends StockReservations {

    @PersistenceContext(unitName = "inventory")
    EntityManager staleReader;

    @Inject
    StockConflicts conflicts;

    @Inject
    Restocker restocker;

    @Override
    public void reserve(long orderId, Map<Long, Integer> quantities) {
        long skuId = quantities.keySet().iterator().next();
        boolean forced = conflicts.takeOne(skuId);
        if (forced) {
            staleReader.createQuery("select s from Stock s where s.skuId = :sku", Stock.class)
                    .setParameter("sku", skuId).getResultList();
            restocker.addOneUnit(skuId);
        }
        try {
            super.reserve(orderId, quantities);
        } catch (RuntimeException e) {
            conflicts.record(new StockConflicts.Attempt(skuId, forced, e));
            throw e;
        }
        conflicts.record(new StockConflicts.Attempt(skuId, forced, null));
    }
}
