package dev.mall.ordering.control;

import dev.mall.platform.transaction.AfterCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Counts what happened to orders (mall_orders_total{outcome=placed|paid|expired|cancelled}) and how late an expiry
 * was applied after its reservation ran out (mall_reservation_expiry_lag_seconds). Called inside the transaction that
 * changes the order, but counted only once it commits: a rolled-back attempt, retried or redelivered, must not count
 * twice, and one that is finally refused must not count at all.
 */
@ApplicationScoped
public class OrderOutcomes {

    @Inject
    MetricRegistry metrics;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    private Counter placed;
    private Counter paid;
    private Counter expired;
    private Counter cancelled;
    private Timer expiryLag;

    @PostConstruct
    void register() {
        Metadata orders = Metadata.builder().withName("mall.orders")
                .withDescription("Orders placed, paid, expired and cancelled (committed transitions)").build();
        placed = metrics.counter(orders, new Tag("outcome", "placed"));
        paid = metrics.counter(orders, new Tag("outcome", "paid"));
        expired = metrics.counter(orders, new Tag("outcome", "expired"));
        cancelled = metrics.counter(orders, new Tag("outcome", "cancelled"));
        expiryLag = metrics.timer(Metadata.builder().withName("mall.reservation.expiry.lag")
                .withDescription("From an order's reservation deadline to the commit of its expiry (message or sweep)")
                .withUnit(MetricUnits.SECONDS).build());
    }

    public void placed() {
        afterCommit(placed::inc);
    }

    public void paid() {
        afterCommit(paid::inc);
    }

    public void cancelled() {
        afterCommit(cancelled::inc);
    }

    /** An expiry applied {@code lag} after the order's deadline. */
    public void expired(Duration lag) {
        afterCommit(() -> {
            expired.inc();
            expiryLag.update(lag.isNegative() ? Duration.ZERO : lag);
        });
    }

    private void afterCommit(Runnable count) {
        AfterCommit.run(transaction, count);
    }
}
