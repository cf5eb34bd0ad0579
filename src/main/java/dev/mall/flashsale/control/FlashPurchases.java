package dev.mall.flashsale.control;

import dev.mall.flashsale.entity.FlashPurchase;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
        int held = lockedQuantity(saleId, customerId);
        if (!FlashPurchase.allows(held, units, limit)) {
            throw new Refusal("flash-sale-limit",
                    "This flash sale allows " + limit + " unit(s) per customer; you hold " + held + ".");
        }
        change(saleId, customerId, units);
    }

    /** Locks the customer's row, as {@link #hold} does, and answers whether {@code units} more are within the limit. */
    public boolean allows(long saleId, long customerId, int units, int limit) {
        return FlashPurchase.allows(lockedQuantity(saleId, customerId), units, limit);
    }

    /**
     * The customer's units, with the row locked until the transaction ends (created at 0 if absent). The upsert takes
     * the row's exclusive lock at once: {@code INSERT IGNORE} takes a shared one on a duplicate, and two of one
     * customer's orders waiting to upgrade theirs deadlocked. Native SQL on purpose: the lock must be a point lookup
     * on the primary key. Hibernate's {@code find} of a composite id with a
     * lock writes {@code (sale_id, customer_id) IN ((?, ?))}, which InnoDB locks as a range of the sale's rows, so
     * concurrent buyers of one sale deadlocked on each other's inserts. And the locked read is the value used: a
     * plain read after it could return the transaction's older snapshot.
     */
    private int lockedQuantity(long saleId, long customerId) {
        orders.createNativeQuery("INSERT INTO flash_purchase (sale_id, customer_id, quantity) VALUES (?1, ?2, 0)"
                        + " ON DUPLICATE KEY UPDATE quantity = quantity")
                .setParameter(1, saleId)
                .setParameter(2, customerId)
                .executeUpdate();
        Number quantity = (Number) orders.createNativeQuery(
                        "SELECT quantity FROM flash_purchase WHERE sale_id = ?1 AND customer_id = ?2 FOR UPDATE")
                .setParameter(1, saleId)
                .setParameter(2, customerId)
                .getSingleResult();
        return quantity.intValue();
    }

    private void change(long saleId, long customerId, int units) {
        orders.createNativeQuery("UPDATE flash_purchase SET quantity = GREATEST(quantity + ?3, 0)"
                        + " WHERE sale_id = ?1 AND customer_id = ?2")
                .setParameter(1, saleId)
                .setParameter(2, customerId)
                .setParameter(3, units)
                .executeUpdate();
    }

    /** An expired or cancelled flash order no longer counts against its customer (never below 0). */
    public void giveBack(long saleId, long customerId, int units) {
        change(saleId, customerId, -units);
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
