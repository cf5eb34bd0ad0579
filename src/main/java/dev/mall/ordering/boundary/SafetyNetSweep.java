package dev.mall.ordering.boundary;

import dev.mall.ordering.control.PaidOrders;
import dev.mall.ordering.control.OrderQueries;
import dev.mall.ordering.control.OrderExpiry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * The safety net behind the two messages of the money path. Every {@code mall.ordering.sweep.interval} it
 * <ul>
 * <li>expires unpaid orders overdue by more than {@code mall.ordering.sweep.grace} (normally their ReservationExpiry
 * did it already), e.g. after the broker lost its journal or the message went to the DLQ;</li>
 * <li>applies succeeded payments settled more than the grace ago (and less than {@code mall.ordering.sweep.payments-
 * window}) that their order does not name: their PaymentSucceeded went to the DLQ because the database was away for
 * longer than the broker's redelivery budget, or was lost.</li>
 * </ul>
 * Safe on many servers at once, and beside the MDBs: each order is changed in its own transaction under the order's
 * row lock, and only if still unpaid (expiry) or not yet settled by this payment (payment), so it happens exactly
 * once. The timer callback never throws: a failed timeout would suspend a non-persistent timer for Liberty's retry
 * interval (minutes), exactly when the database just came back and the net is needed.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SafetyNetSweep {

    private static final Logger LOG = Logger.getLogger(SafetyNetSweep.class.getName());
    private static final int BATCH = 200;

    @Resource
    TimerService timers;

    @Inject
    OrderQueries queries;

    @Inject
    OrderExpiry expiry;

    @Inject
    PaidOrders paidOrders;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mall.ordering.sweep.interval", defaultValue = "PT30S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "mall.ordering.sweep.grace", defaultValue = "PT30S")
    Duration grace;

    @Inject
    @ConfigProperty(name = "mall.ordering.sweep.payments-window", defaultValue = "P1D")
    Duration paymentsWindow;

    @Inject
    @Metric(absolute = true, name = "mall.orders.expired.by.sweep", description = "Overdue unpaid orders expired by the sweep, not by their message")
    Counter expiredBySweep;

    @Inject
    @Metric(absolute = true, name = "mall.payments.applied.by.sweep", description = "Succeeded payments applied to their order by the sweep, not by their message")
    Counter paymentsBySweep;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("safety-net-sweep", false));
    }

    @Timeout
    void sweep() {
        Instant cutoff = clock.instant().minus(grace);
        each("Overdue order", () -> queries.overdue(cutoff, BATCH),
                orderId -> expiry.expire(orderId) == OrderExpiry.Outcome.EXPIRED, expiredBySweep);
        each("Succeeded payment", () -> queries.unappliedPayments(cutoff.minus(paymentsWindow), cutoff, BATCH),
                paymentId -> {
                    paidOrders.applyPayment(paymentId);
                    return true;
                }, paymentsBySweep);
    }

    /**
     * One step of the sweep. A database that is away makes the read fail; one row that cannot be changed now (e.g. a
     * lock wait timeout) must not stop the others. Either is taken again at the next sweep.
     */
    private static void each(String what, Supplier<List<Long>> candidates, LongPredicate apply, Counter applied) {
        List<Long> ids;
        try {
            ids = candidates.get();
        } catch (RuntimeException e) {
            LOG.warning(() -> what + " sweep skipped this time: " + e);
            return;
        }
        for (Long id : ids) {
            try {
                if (apply.test(id)) {
                    applied.inc();
                    LOG.info(() -> what + " " + id + " settled by the safety-net sweep");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, what + " " + id + " not settled this time", e);
            }
        }
    }
}
