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
        orders.createNativeQuery("INSERT IGNORE INTO flash_purchase (sale_id, customer_id, quantity) VALUES (?1, ?2, 0)")
                .setParameter(1, saleId)
                .setParameter(2, customerId)
                .executeUpdate();
        FlashPurchase purchase = orders.find(FlashPurchase.class, new FlashPurchase.Key(saleId, customerId),
                LockModeType.PESSIMISTIC_WRITE);
        if (!purchase.allows(units, limit)) {
            throw ProblemException.unprocessable("flash-sale-limit", "Over the per-customer limit",
                    "This flash sale allows " + limit + " unit(s) per customer; you hold " + purchase.quantity() + ".");
        }
        purchase.add(units);
        orders.flush();
    }

    /** An expired or cancelled flash order no longer counts against its customer. */
    public void giveBack(long saleId, long customerId, int units) {
        FlashPurchase purchase = orders.find(FlashPurchase.class, new FlashPurchase.Key(saleId, customerId),
                LockModeType.PESSIMISTIC_WRITE);
        if (purchase != null) {
            purchase.remove(units);
        }
    }

    /** Units per customer (only customers holding some), from the database. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Map<Long, Integer> buyers(long saleId) {
        Map<Long, Integer> buyers = new HashMap<>();
        orders.createQuery("select p from FlashPurchase p where p.saleId = :sale and p.quantity > 0", FlashPurchase.class)
                .setParameter("sale", saleId)
                .getResultList()
                .forEach(p -> buyers.put(p.customerId(), p.quantity()));
        return buyers;
    }
}
