package dev.mall.ordering.control;

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
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * The safety net behind ReservationExpiry messages: every {@code mall.ordering.sweep.interval} it expires unpaid
 * orders that are overdue by more than {@code mall.ordering.sweep.grace} (normally the message did it already), e.g.
 * after the broker lost its journal. Safe on many servers at once: each order is expired in its own transaction under
 * the order's row lock and only if still unpaid, so two sweeps (or a sweep and the MDB) apply it exactly once.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OverdueOrderSweep {

    private static final Logger LOG = Logger.getLogger(OverdueOrderSweep.class.getName());
    private static final int BATCH = 200;

    @Resource
    TimerService timers;

    @Inject
    OrderQueries queries;

    @Inject
    OrderExpiry expiry;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mall.ordering.sweep.interval", defaultValue = "PT30S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "mall.ordering.sweep.grace", defaultValue = "PT30S")
    Duration grace;

    @Inject
    @Metric(absolute = true, name = "mall.orders.expired.by.sweep", description = "Overdue unpaid orders expired by the sweep, not by their message")
    Counter expiredBySweep;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("overdue-order-sweep", false));
    }

    @Timeout
    void sweep() {
        List<Long> overdue = queries.overdue(clock.instant().minus(grace), BATCH);
        for (Long orderId : overdue) {
            try {
                if (expiry.expire(orderId) == OrderExpiry.Outcome.EXPIRED) {
                    expiredBySweep.inc();
                }
            } catch (RuntimeException e) {
                // One order that cannot be expired now (e.g. a lock wait timeout) must not stop the others; it is
                // still overdue and is taken again at the next sweep.
                LOG.log(Level.WARNING, "Overdue order " + orderId + " not expired this time", e);
            }
        }
    }
}
