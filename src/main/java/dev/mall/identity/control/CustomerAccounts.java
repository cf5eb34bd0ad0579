package dev.mall.identity.control;

import dev.mall.identity.entity.Customer;
import dev.mall.identity.entity.EmailAlreadyRegistered;
import dev.mall.identity.entity.Role;
import dev.mall.identity.entity.UnknownEmailLogins;
import dev.mall.platform.persistence.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** The accounts in the orders database: lookups by id and email, and registration of new ones. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class CustomerAccounts {

    @PersistenceContext(unitName = "orders")
    EntityManager em;

    @Inject
    PasswordHashing passwords;

    private final Clock clock = Clock.systemUTC();

    public Optional<Customer> find(long id) {
        return Optional.ofNullable(em.find(Customer.class, id));
    }

    public Optional<Customer> findByEmail(String email) {
        return em.createQuery("SELECT c FROM Customer c WHERE c.email = :email", Customer.class)
                .setParameter("email", Customer.canonicalEmail(email))
                .getResultStream()
                .findFirst();
    }

    /**
     * The account with its row locked until the transaction ends (SELECT ... FOR UPDATE), so that concurrent logins
     * for one account judge and count their failures one after the other. Needs an active transaction.
     */
    public Optional<Customer> findByEmailForUpdate(String email) {
        return em.createQuery("SELECT c FROM Customer c WHERE c.email = :email", Customer.class)
                .setParameter("email", Customer.canonicalEmail(email))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    /**
     * The login throttle of an address that has no account, created if need be, with its row locked until the
     * transaction ends (as {@link #findByEmailForUpdate} locks an account's). The insert is an upsert, so concurrent
     * first failures for one address do not collide.
     */
    public UnknownEmailLogins unknownEmailForUpdate(String email) {
        String key = UnknownEmailLogins.key(email);
        em.createNativeQuery("INSERT INTO login_throttle (email_sha256) VALUES (:key)"
                        + " ON DUPLICATE KEY UPDATE email_sha256 = email_sha256")
                .setParameter("key", key)
                .executeUpdate();
        return em.find(UnknownEmailLogins.class, key, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Forgets the throttles of addresses without an account whose last failure is older than {@code before}. */
    public int purgeUnknownEmailLogins(Instant before) {
        return em.createNamedQuery(UnknownEmailLogins.PURGE)
                .setParameter("before", before)
                .executeUpdate();
    }

    /**
     * Makes {@code password} the account's password (if it is not already) and clears its failed-login lock. For the
     * administrator account bootstrapped from the environment, whose password the operator controls there.
     *
     * @return true if the stored password changed
     */
    public boolean resetPassword(long customerId, String password) {
        Customer customer = em.find(Customer.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        if (passwords.verify(password, customer.passwordHash())) {
            return false;
        }
        customer.replacePasswordHash(passwords.hash(password));
        customer.recordSuccessfulLogin();
        return true;
    }

    /**
     * Creates an account. Joins the caller's transaction (a REST boundary's); where there is none (start-up) it is
     * its own. Two concurrent registrations of one address both pass the first check; the unique key then refuses
     * the second INSERT, and that also answers {@link EmailAlreadyRegistered}, never a server error.
     *
     * @throws EmailAlreadyRegistered if the address has an account; the transaction then rolls back
     */
    @Transactional
    public Customer register(String email, String displayName, String password, Collection<Role> roles) {
        if (findByEmail(email).isPresent()) {
            throw new EmailAlreadyRegistered();
        }
        Customer customer = new Customer(email, displayName, passwords.hash(password), roles, clock.instant());
        try {
            em.persist(customer);
            // With IDENTITY ids the INSERT runs at persist already; flush keeps the failure here if that ever changes.
            em.flush();
        } catch (PersistenceException e) {
            if (Conflicts.isUniqueKeyViolation(e)) {
                throw new EmailAlreadyRegistered();
            }
            throw e;
        }
        return customer;
    }
}
