package dev.mall.inventory.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The stock audit's SKU figures ({@link StockAudit#skus}) as gauges, for an alert on drift between stock rows and
 * reservations. The audit reads every stock and reservation row, so it runs at most once per
 * {@code mall.stock.audit.metric-interval} whatever the scrape rate; between runs a scrape gets the last result.
 */
@ApplicationScoped
public class StockDriftWatch {

    private static final Logger LOG = Logger.getLogger(StockDriftWatch.class.getName());

    @Inject
    StockAudit audit;

    @Inject
    @ConfigProperty(name = "mall.stock.audit.metric-interval", defaultValue = "PT1M")
    Duration interval;

    Clock clock = Clock.systemUTC();

    /** The last audit: SKUs that fail it, and the units by which reserved stock differs from reservations. */
    record Result(Instant at, long skusOff, long driftUnits) {
        static final Result NOT_YET = new Result(Instant.MIN, 0, 0);
    }

    private Result last = Result.NOT_YET;
    private boolean failed;

    /** Liberty registers a bean's gauges when the bean is created: create it at start, not at first use. */
    void registerGauges(@Observes Startup startup) {
    }

    @Gauge(name = "mall.stock.audit.skus.off", absolute = true, unit = MetricUnits.NONE,
            description = "SKUs failing the stock audit (drift, rows out of step, reserved outside 0..on hand) at its last run; NaN if it failed")
    public synchronized double skusOff() {
        refresh();
        return failed ? Double.NaN : last.skusOff();
    }

    @Gauge(name = "mall.stock.audit.drift.units", absolute = true, unit = MetricUnits.NONE,
            description = "Sum over SKUs of |reserved - RESERVED reservations| at the stock audit's last run; NaN if it failed")
    public synchronized double driftUnits() {
        refresh();
        return failed ? Double.NaN : last.driftUnits();
    }

    private void refresh() {
        Instant now = clock.instant();
        if (!failed && last.at().plus(interval).isAfter(now)) {
            return;
        }
        try {
            last = summarise(audit.skus(List.of()), now);
            failed = false;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "stock audit for metrics failed", e);
            last = new Result(now, 0, 0);
            failed = true;
        }
    }

    static Result summarise(List<StockAudit.SkuLine> skus, Instant at) {
        return new Result(at, skus.stream().filter(s -> !s.ok()).count(),
                skus.stream().mapToLong(s -> Math.abs(s.drift())).sum());
    }
}
