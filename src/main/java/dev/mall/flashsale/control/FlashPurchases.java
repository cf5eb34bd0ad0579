package dev.mall.flashsale.control;

import dev.mall.flashsale.entity.FlashPurchase;
import dev.mall.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-customer limit as the database knows it (orders database), inside the order's XA transaction. The
 * customer's row is locked while it is checked and raised, so the limit holds exactly even when Redis is down or
 * wrong.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class FlashPurchases {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    /** Counts {@code units} against the customer's limit; 422 if that would exceed it. */
    public void hold(long saleId, long customerId, int units, int limit) {
        FlashPurchase purchase = locked(saleId, customerId);
        if (!purchase.allows(units, limit)) {
            throw ProblemException.unprocessable("flash-sale-limit", "Over the per-customer limit",
                    "This flash sale allows " + limit + " unit(s) per customer; you hold " + purchase.quantity() + ".");
        }
        purchase.add(units);
        orders.flush();
    }

    /** Locks the customer's row, as {@link #hold} does, and answers whether {@code units} more are within the limit. */
    public boolean allows(long saleId, long customerId, int units, int limit) {
        return locked(saleId, customerId).allows(units, limit);
    }

    private FlashPurchase locked(long saleId, long customerId) {
        orders.createNativeQuery("INSERT IGNORE INTO flash_purchase (sale_id, customer_id, quantity) VALUES (?1, ?2, 0)")
                .setParameter(1, saleId)
                .setParameter(2, customerId)
                .executeUpdate();
        return orders.find(FlashPurchase.class, new FlashPurchase.Key(saleId, customerId), LockModeType.PESSIMISTIC_WRITE);
    }

    /** An expired or cancelled flash order no longer counts against its customer. */
    public void giveBack(long saleId, long customerId, int units) {
        FlashPurchase purchase = orders.find(FlashPurchase.class, new FlashPurchase.Key(saleId, customerId),
                LockModeType.PESSIMISTIC_WRITE);
        if (purchase != null) {
            purchase.remove(units);
        }
    }

    /** Units per customer who ever bought (0: every unit given back), from the database. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Map<Long, Integer> buyers(long saleId) {
        Map<Long, Integer> buyers = new HashMap<>();
        orders.createQuery("select p from FlashPurchase p where p.saleId = :sale", FlashPurchase.class)
                .setParameter("sale", saleId)
                .getResultList()
                .forEach(p -> buyers.put(p.customerId(), p.quantity()));
        return buyers;
    }
}
