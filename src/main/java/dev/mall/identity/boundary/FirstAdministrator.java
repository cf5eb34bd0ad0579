package dev.mall.identity.boundary;

import dev.mall.identity.control.CustomerAccounts;
import dev.mall.identity.entity.Customer;
import dev.mall.identity.entity.EmailAlreadyRegistered;
import dev.mall.identity.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the shop's first administrator (roles admin and customer) from {@code MALL_ADMIN_EMAIL} /
 * {@code MALL_ADMIN_PASSWORD} when the application starts, after the schema migrations, if no account has that
 * email. The environment stays the source of that administrator's password: if the existing administrator account's
 * password is not {@code MALL_ADMIN_PASSWORD} (the operator changed it, or a new machine generated new secrets for
 * an old database) it is set to it. A customer who registered that address first is never promoted. Two servers
 * starting at once both try; the unique email lets one win and the other finds it taken, which is fine.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
// Not in a transaction itself: registration runs in its own, and a lost race must roll back only that one.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstAdministrator {

    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());
    private static final int MINIMUM_PASSWORD_LENGTH = 8;

    @Inject
    CustomerAccounts accounts;

    @Inject
    @ConfigProperty(name = "mall.admin.email", defaultValue = "admin@mall.local")
    String email;

    @Inject
    @ConfigProperty(name = "mall.admin.password")
    Optional<String> password;

    @PostConstruct
    void createIfAbsent() {
        String secret = password.orElse("");
        if (email.isBlank() || secret.isBlank()) {
            LOG.warning("MALL_ADMIN_EMAIL or MALL_ADMIN_PASSWORD is empty: no administrator account is created");
            return;
        }
        if (secret.length() < MINIMUM_PASSWORD_LENGTH) {
            LOG.warning("MALL_ADMIN_PASSWORD is shorter than " + MINIMUM_PASSWORD_LENGTH
                    + " characters: no administrator account is created with it");
            return;
        }
        Optional<Customer> existing = accounts.findByEmail(email);
        if (existing.isPresent()) {
            if (!existing.get().hasRole(Role.ADMIN)) {
                LOG.warning("The account " + existing.get().email() + " (MALL_ADMIN_EMAIL) exists without the admin "
                        + "role; it is left as it is");
            } else if (accounts.resetPassword(existing.get().id(), secret)) {
                LOG.info(() -> "The administrator account " + existing.get().email()
                        + " now has the password of MALL_ADMIN_PASSWORD");
            }
            return;
        }
        try {
            Customer admin = accounts.register(email, "Administrator", secret, EnumSet.of(Role.ADMIN, Role.CUSTOMER));
            LOG.info(() -> "Created the administrator account " + admin.email() + " (id " + admin.id() + ")");
        } catch (EmailAlreadyRegistered raceLost) {
            // Another server created it between our check and our insert: the account exists, as wanted.
            LOG.info(() -> "The administrator account " + Customer.canonicalEmail(email) + " was created concurrently");
        }
    }
}
