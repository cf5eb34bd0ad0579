package it.dev.mall.container;

import dev.mall.inventory.control.StockReservations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The concurrent writer of {@link ConflictingStockReservations}: an administrator adding a unit, committed at once. */
@ApplicationScoped
public class Restocker {

    @Inject
    StockReservations stock;

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void addOneUnit(long skuId) {
        Number onHand = (Number) inventory.createNativeQuery("select sum(on_hand) from stock where sku_id = ?1"
                + " and pool = 0").setParameter(1, skuId).getSingleResult();
        stock.setOnHand(skuId, onHand.intValue() + 1);
    }
}
