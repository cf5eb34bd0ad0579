package dev.mall.inventory.control;

import dev.mall.inventory.entity.StockTransfer;
import dev.mall.inventory.entity.Warehouse;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.persistence.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * The warehouses: created and changed by administrators, listed in priority order (the order reservations take units
 * in); and the record of the transfers between them.
 */
@ApplicationScoped
public class Warehouses {

    static final String CODE_KEY = "uk_warehouse_code";

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Inject
    Clock clock;

    /** A new warehouse; 409 {@code warehouse-code-taken} if the code exists. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Warehouse create(String code, String name, int priority) {
        Warehouse warehouse = new Warehouse(code, name, priority, clock.instant());
        try {
            inventory.persist(warehouse);
            inventory.flush();
        } catch (PersistenceException e) {
            if (Conflicts.isUniqueKeyViolation(e, CODE_KEY)) {
                throw new Refusal("warehouse-code-taken", "A warehouse with the code " + code + " exists.");
            }
            throw e;
        }
        return warehouse;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public List<Warehouse> all() {
        return inventory.createQuery("select w from Warehouse w order by w.priority, w.id", Warehouse.class)
                .getResultList();
    }

    /** One warehouse; 404 if there is none. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Warehouse byId(long id) {
        Warehouse warehouse = inventory.find(Warehouse.class, id);
        if (warehouse == null) {
            throw Refusal.notFound("Warehouse " + id);
        }
        return warehouse;
    }

    /**
     * A new name and priority. Placements that start after the commit take units in the new order; two that run
     * across it may lock one SKU's warehouses in opposite orders and deadlock once, which MariaDB breaks and
     * {@code ReservationRetry} retries (docs/MONEY-PATH.md "Warehouses").
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Warehouse change(long id, String name, int priority) {
        Warehouse warehouse = byId(id);
        warehouse.change(name, priority);
        return warehouse;
    }

    public record TransferPage(List<StockTransfer> items, int page, int size, long total) {
    }

    /** The transfers, newest first, of one SKU or (null) of all. */
    @Transactional(Transactional.TxType.REQUIRED)
    public TransferPage transfers(Long skuId, int page, int size) {
        String where = skuId == null ? "" : " where t.skuId = :sku";
        var items = inventory.createQuery("select t from StockTransfer t" + where + " order by t.id desc",
                StockTransfer.class);
        var total = inventory.createQuery("select count(t) from StockTransfer t" + where, Long.class);
        if (skuId != null) {
            items.setParameter("sku", skuId);
            total.setParameter("sku", skuId);
        }
        return new TransferPage(items.setFirstResult(page * size).setMaxResults(size).getResultList(), page, size,
                total.getSingleResult());
    }

    /** One transfer; 404 if there is none. */
    @Transactional(Transactional.TxType.REQUIRED)
    public StockTransfer transfer(long id) {
        StockTransfer transfer = inventory.find(StockTransfer.class, id);
        if (transfer == null) {
            throw Refusal.notFound("Stock transfer " + id);
        }
        return transfer;
    }
}
