package dev.mall.catalog.boundary;

import dev.mall.catalog.entity.Sku;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Current prices of SKUs, read in the caller's transaction (if any) for an order's price snapshot. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class SkuPrices {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    /** Snapshots of the SKUs that exist among {@code skuIds}; unknown ids are absent. */
    public Map<Long, SkuSnapshot> snapshots(Collection<Long> skuIds) {
        Map<Long, SkuSnapshot> result = new TreeMap<>();
        if (skuIds.isEmpty()) {
            return result;
        }
        for (Sku sku : inventory.createQuery("select s from Sku s join fetch s.product where s.id in :ids", Sku.class)
                .setParameter("ids", skuIds)
                .getResultList()) {
            result.put(sku.id(), new SkuSnapshot(sku.id(), sku.product().name() + " – " + sku.name(), sku.price()));
        }
        return result;
    }
}
