package dev.mall.flashsale.boundary;

import dev.mall.flashsale.control.FlashTickets;
import dev.mall.flashsale.control.FlashSales;
import dev.mall.flashsale.control.FlashSaleGate;
import dev.mall.flashsale.control.FlashPurchases;
import dev.mall.flashsale.entity.FlashSale;
import dev.mall.platform.redis.RedisLock;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
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
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * Rebuilds each current flash sale's gate state in Redis from the databases, the source of truth: remaining units
 * from the sale's stock pool, units per customer from {@code flash_purchase}. Runs shortly after start-up (a
 * restarted Redis has lost everything), every {@code mall.flashsale.reconcile.interval} on one server at a time
 * (under a Redis lease), and on demand when the gate finds a sale not loaded.
 * <p>
 * Orders in flight while it reads are not yet in the databases; if a count rebuilt then is a little high, that only
 * lets a few more requests reach the database, whose row locks refuse them exactly, and the next quiet run corrects
 * it. A count that is too low (a give-back lost while Redis was down) is repaired the same way.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FlashSaleReconciliation {

    private static final Logger LOG = Logger.getLogger(FlashSaleReconciliation.class.getName());
    private static final String LOCK = "mall:lock:flash-reconciliation";

    @Resource
    TimerService timers;

    @Inject
    FlashSales sales;

    @Inject
    FlashPurchases purchases;

    @Inject
    FlashTickets tickets;

    @Inject
    FlashSaleGate gate;

    @Inject
    RedisLock lock;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mall.flashsale.reconcile.interval", defaultValue = "PT30S")
    Duration interval;

    /**
     * A sale's gate is rebuilt from the databases only after this long without a pass: longer than a placing
     * transaction may last (its timeout is 30 s), so that every unit taken at the gate before it is either in the
     * databases or given back. Shorter, a crowd that slows the transactions down (W3 on a busy machine: winners
     * answered after up to 20 s) made the rebuild count their units as free — the gate then let more buyers through
     * to be refused by the database, and its restock notice dropped every server's sold-out marker.
     */
    @Inject
    @ConfigProperty(name = "mall.flashsale.reconcile.quiet", defaultValue = "PT45S")
    Duration quiet;

    /**
     * A queued sale's purchases wait in the broker, not yet in the databases, for as long as the queue takes to
     * drain; its gate is rebuilt only after this much quiet.
     */
    @Inject
    @ConfigProperty(name = "mall.flashsale.reconcile.queued-quiet", defaultValue = "PT2M")
    Duration queuedQuiet;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.reconciliation.repairs",
            description = "Flash sales whose Redis gate differed from the databases and was rebuilt")
    Counter repairs;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(1000, interval.toMillis(), new TimerConfig("flash-sale-reconciliation", false));
    }

    @Timeout
    void scheduled() {
        try {
            reconcileAll();
        } catch (RuntimeException e) {
            // Redis down: the gate is degraded anyway; the next run repairs it when Redis is back.
            LOG.log(Level.WARNING, "Flash sale reconciliation skipped: " + e);
        }
    }

    /** Reconciles every current sale, if this server gets the lease. */
    public void reconcileAll() {
        Optional<String> lease = lock.tryAcquire(LOCK, Duration.ofMinutes(1));
        if (lease.isEmpty()) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (FlashSale sale : sales.current(now)) {
                reconcile(sale, now, Optional.of(now.minus(sale.queued() ? queuedQuiet : quiet)));
            }
        } finally {
            lock.release(LOCK, lease.get());
        }
    }

    /**
     * Loads one sale that the gate does not know (new, or Redis lost it) and leaves it alone if another request
     * loaded it meanwhile. Needs no lease: loading an absent sale is idempotent.
     */
    @Lock(LockType.READ)
    public void loadIfAbsent(long saleId) {
        sales.find(saleId).ifPresent(sale -> reconcile(sale, clock.instant(), Optional.empty()));
    }

    /**
     * A sale with requests passing the gate right now is left alone: their orders are not in the databases yet, so
     * the databases' count would be too high by them. It is repaired at the first run after it has been quiet for
     * {@code mall.flashsale.reconcile.quiet} ({@code queued-quiet} for a queued sale). The Idempotency-Keys of its
     * orders and decided tickets are loaded with it, so that retries are still recognised after Redis lost them.
     */
    private void reconcile(FlashSale sale, Instant now, Optional<Instant> quietSince) {
        Optional<FlashSaleGate.State> state = quietSince.isPresent() ? gate.state(sale.id()) : Optional.empty();
        if (state.isPresent() && state.get().lastPass().isAfter(quietSince.get())) {
            return;
        }
        long remaining = sales.remaining(sale);
        if (state.isPresent() && state.get().remaining() == remaining) {
            // In step: a large sale's buyers and keys are not rewritten every interval for nothing.
            return;
        }
        Map<Long, Integer> buyers = purchases.buyers(sale.id());
        FlashSaleGate.Load load = gate.load(sale, remaining, buyers, tickets.knownKeys(sale.id()), now, quietSince);
        if (load.changed() && (!load.wasLoaded() || load.previousRemaining() != remaining)) {
            repairs.inc();
            LOG.info(() -> "Flash sale " + sale.id() + ": gate had "
                    + (load.wasLoaded() ? load.previousRemaining() + " remaining" : "nothing") + ", set to " + remaining
                    + " remaining unit(s), " + buyers.size() + " buyer(s)");
        }
    }
}
