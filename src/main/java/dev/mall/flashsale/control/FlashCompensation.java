package dev.mall.flashsale.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * Keeps the Redis gate in step with the databases around a transaction: units the gate handed out come back when the
 * order's transaction rolls back, and units of an expired or cancelled flash order come back once that transaction
 * has committed. Redis is not part of the XA transaction, so this runs after completion; if Redis is unreachable then,
 * the gate counts too few units until reconciliation rebuilds it from the databases (never too many: no oversell).
 */
@ApplicationScoped
public class FlashCompensation {

    private static final Logger LOG = Logger.getLogger(FlashCompensation.class.getName());

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Inject
    FlashSaleGate gate;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.compensations",
            description = "Units given back to the flash-sale gate after a rollback, an expiry or a cancellation")
    Counter compensations;

    /** In the placing transaction, after the gate passed: if it does not commit, the units go back. */
    public void giveBackIfRolledBack(long saleId, long customerId, int units) {
        register(saleId, customerId, units, false);
    }

    /** In an expiring or cancelling transaction: once it commits, the units go back. */
    public void giveBackIfCommitted(long saleId, long customerId, int units) {
        register(saleId, customerId, units, true);
    }

    private void register(long saleId, long customerId, int units, boolean onCommit) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if ((status == Status.STATUS_COMMITTED) == onCommit) {
                    giveBack(saleId, customerId, units);
                }
            }
        });
    }

    private void giveBack(long saleId, long customerId, int units) {
        try {
            gate.giveBack(saleId, customerId, units);
            compensations.inc();
        } catch (RuntimeException e) {
            // Nothing to roll back any more; reconciliation repairs the gate from the databases.
            LOG.log(Level.WARNING, "Flash sale " + saleId + ": could not give " + units + " unit(s) back to the gate", e);
        }
    }
}
