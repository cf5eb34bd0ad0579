package dev.mall.catalog.control;

import dev.mall.catalog.entity.Category;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Loads the {@link DemoCatalog} into an empty catalog, once per database, through {@link Catalog} like an
 * administrator would (so every SKU gets its stock row).
 * <p>
 * Several servers may start at once. All of it is one transaction that first inserts the row {@code demo-catalog}
 * into {@code data_seed} with INSERT IGNORE: a second server's insert waits on that primary key until the first
 * server's transaction ends, then inserts nothing (it committed: that server loads nothing) or inserts the row (it
 * rolled back: this server loads the catalog). The emptiness check before it needs no lock: a catalog being loaded by
 * another server still looks empty, and the marker then decides.
 */
@ApplicationScoped
public class DemoCatalogSeeding {

    static final String SEED = "demo-catalog";

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Inject
    Catalog catalog;

    public enum Outcome {
        /** This call loaded the demo catalog. */
        SEEDED,
        /** The catalog has products: demo data is never mixed into a real catalog. */
        CATALOG_NOT_EMPTY,
        /** Loaded before (by this or another server), even if its products were removed since. */
        SEEDED_BEFORE
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome seedIfEmpty() {
        long products = inventory.createQuery("select count(p) from Product p", Long.class).getSingleResult();
        if (products > 0) {
            return Outcome.CATALOG_NOT_EMPTY;
        }
        int claimed = inventory.createNativeQuery("INSERT IGNORE INTO data_seed (name) VALUES (:name)")
                .setParameter("name", SEED)
                .executeUpdate();
        if (claimed == 0) {
            return Outcome.SEEDED_BEFORE;
        }
        DemoCatalog.CATEGORIES.forEach(root -> create(root, null));
        return Outcome.SEEDED;
    }

    private void create(DemoCatalog.CategorySeed seed, Long parentId) {
        Category category = catalog.createCategory(seed.name(), parentId);
        for (DemoCatalog.ProductSeed product : seed.products()) {
            catalog.createProduct(category.id(), product.name(), product.description(), product.skus().stream()
                    .map(sku -> new Catalog.NewSku(sku.name(), sku.price(), sku.stock()))
                    .toList());
        }
        seed.children().forEach(child -> create(child, category.id()));
    }
}
