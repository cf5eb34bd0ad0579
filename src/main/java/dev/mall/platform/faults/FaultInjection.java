package dev.mall.platform.faults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Throws at a {@link FaultPoint} when the test server's request asked for it: an unchecked exception inside the
 * transaction, exactly as a crash of the code at that point would end it. A no-op everywhere else.
 * <p>
 * {@code X-Mall-Fault: crash-in-commit} and {@code stall-in-commit} ask for more than an exception: the process is to
 * die, or the commit to stall, between the two phases of the commit. The application cannot do that itself (it does
 * not run during the commit), so it only marks the transaction's two database branches with a marker statement; the
 * fault-suite servers carry a Connector/J query interceptor (src/test/java/it/dev/mall/faults/hook/CommitFaults) that
 * acts when a marked connection is sent its {@code XA COMMIT}, i.e. after every branch has voted and Liberty has
 * logged the commit decision. Elsewhere the marker is a harmless {@code SELECT}.
 */
@ApplicationScoped
public class FaultInjection {

    /** The directives that act in the commit; the marker is "mall_fault_" + the directive (see CommitFaults). */
    static final List<String> COMMIT_FAULTS = List.of("crash-in-commit", "stall-in-commit");

    @Inject
    TestDirectives directives;

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    public void at(FaultPoint point) {
        if (asked(point.header())) {
            throw new InjectedFault(point);
        }
    }

    /** Whether the current request asked for {@code directive}; never outside a request (an MDB, a timer). */
    private boolean asked(String directive) {
        try {
            return directives.asksFor(directive);
        } catch (ContextNotActiveException e) {
            return false;
        }
    }

    /** The failure a test asked for; the generic 500 mapper answers it like any unexpected error. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(FaultPoint point) {
            super("fault injected " + point.header());
        }
    }

    /**
     * When asked for a fault in the commit: marks both database branches of the current transaction (see the class
     * comment). Call it last in the transaction, after every resource is enlisted.
     */
    public void markForCommitFault() {
        for (String directive : COMMIT_FAULTS) {
            if (asked(directive)) {
                String marker = "SELECT 'mall_fault_" + directive.replace('-', '_') + "'";
                orders.createNativeQuery(marker).getSingleResult();
                inventory.createNativeQuery(marker).getSingleResult();
            }
        }
    }
}
