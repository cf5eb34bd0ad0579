package dev.mall.provider.boundary;

import dev.mall.platform.persistence.Migrations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The provider's own tables (db/provider), migrated before the application takes requests. */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProviderSchema {

    private static final Logger LOG = Logger.getLogger(ProviderSchema.class.getName());

    @Resource(lookup = "jdbc/provider")
    DataSource database;

    @PostConstruct
    void migrate() {
        // Both servers of a pair deploy the provider on one database: they take turns (Migrations).
        var result = Migrations.apply(database, "provider", getClass().getClassLoader());
        LOG.info(() -> "Provider schema at version " + result.targetSchemaVersion);
    }
}
