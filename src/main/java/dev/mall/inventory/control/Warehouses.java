package dev.mall.inventory.control;

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

/** The warehouses: created by administrators, listed in priority order (the order reservations take units in). */
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
}
