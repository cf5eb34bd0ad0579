package dev.mall.catalog.boundary;

import dev.mall.catalog.control.DemoCatalog;
import dev.mall.catalog.control.DemoCatalogSeeding;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds the demo tea and coffee shop ({@link DemoCatalog}) at start, after the schema migrations, when
 * {@code mall.demo-data.enabled} is true ({@code MALL_DEMO_DATA}; default false, and {@code bin/mall run} and
 * {@code bin/mall start} set it to true unless it is set) and the catalog is empty. The test server switches it off
 * in its server.xml override: its tests create their own random data. A failure to load stops the application from
 * starting: a demo that starts half-seeded would only confuse.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
// Not in a transaction itself: the seeding is one transaction of its own, which a lost race rolls back alone.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @Inject
    @ConfigProperty(name = "mall.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    DemoCatalogSeeding seeding;

    @PostConstruct
    void seedIfEnabled() {
        if (!enabled) {
            return;
        }
        DemoCatalogSeeding.Outcome outcome = seeding.seedIfEmpty();
        switch (outcome) {
            case SEEDED -> LOG.info(() -> "Demo data: loaded the demo catalog (" + DemoCatalog.productCount()
                    + " products)");
            case CATALOG_NOT_EMPTY -> LOG.info("Demo data: the catalog has products already, nothing loaded");
            case SEEDED_BEFORE -> LOG.info("Demo data: loaded into this database before, nothing loaded");
        }
    }
}
