package dev.mall.flashsale.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;
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

    /**
     * In the placing transaction, after the gate passed: if it does not commit, the units go back and the gate
     * forgets the Idempotency-Key (a retry with it is a new request).
     */
    public void giveBackIfRolledBack(long saleId, long customerId, int units, String idempotencyKey) {
        register(saleId, customerId, units, false, Optional.of(idempotencyKey));
    }

    /**
     * In an expiring or cancelling transaction, or one that decides a queued purchase failed: once it commits, the
     * units go back (the key stays: a retry with it gets that order or ticket).
     */
    public void giveBackIfCommitted(long saleId, long customerId, int units) {
        register(saleId, customerId, units, true, Optional.empty());
    }

    private void register(long saleId, long customerId, int units, boolean onCommit, Optional<String> forgetKey) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if ((status == Status.STATUS_COMMITTED) == onCommit) {
                    giveBack(saleId, customerId, units, forgetKey);
                }
            }
        });
    }

    private void giveBack(long saleId, long customerId, int units, Optional<String> forgetKey) {
        try {
            gate.giveBack(saleId, customerId, units, forgetKey);
            compensations.inc();
        } catch (RuntimeException e) {
            // Nothing to roll back any more; reconciliation repairs the gate from the databases.
            LOG.log(Level.WARNING, "Flash sale " + saleId + ": could not give " + units + " unit(s) back to the gate", e);
        }
    }
}
