package dev.mall.platform.faults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Marks both database branches of the current transaction for a fault in its commit: a marker statement
 * ("mall_fault_" + the directive) that the fault-suite servers' Connector/J hook (CommitFaults) recognises, and that is
 * a harmless {@code SELECT} anywhere else. Only {@link FaultInjection} calls it, after every resource is enlisted.
 */
@ApplicationScoped
public class CommitFaultMarkers {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    public void mark(String directive) {
        String marker = "SELECT 'mall_fault_" + directive.replace('-', '_') + "'";
        orders.createNativeQuery(marker).getSingleResult();
        inventory.createNativeQuery(marker).getSingleResult();
    }
}
