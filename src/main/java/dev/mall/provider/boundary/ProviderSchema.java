package dev.mall.provider.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

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
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(database)
                .locations("classpath:db/provider")
                // Liberty resolves a classpath folder only through a file in it: db/provider/flyway.location.
                .callbackLocations("classpath:db/provider")
                .failOnMissingLocations(true)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(() -> "Provider schema at version " + result.targetSchemaVersion);
    }
}
