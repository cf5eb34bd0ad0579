package dev.mall.flashsale.control;

import dev.mall.flashsale.boundary.FlashSaleReconciliation;
import dev.mall.flashsale.entity.FlashSale;
import dev.mall.flashsale.entity.QueuedPurchase;
import dev.mall.inventory.boundary.ReservationRetry;
import dev.mall.ordering.boundary.OrderRequest;
import dev.mall.ordering.boundary.Orders;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * Buying in a flash sale, cheapest answer first:
 * <ol>
 *   <li>this server's memory: the sale's facts ({@link SaleFacts}), its window (before the start nobody can
 *       have bought, so nothing can be a retry) and its sold-out marker ({@link SoldOutMarkers}) — the crowd that
 *       comes after the last unit is answered here, without Redis or a database;</li>
 *   <li>the Redis gate: a retry of an Idempotency-Key that passed, the window, the limit, the units — without a
 *       database;</li>
 *   <li>only for a pass: the order's XA transaction now (201), or, for a queued sale, a ticket at once (202) and the
 *       order from the queue ({@link FlashTickets}). A transaction that does not commit gives the gate its units back
 *       ({@link FlashCompensation}).</li>
 * </ol>
 * When Redis is down or its circuit is open, {@code mall.flashsale.redis-down} decides: {@code database} (default)
 * places the order without the gate — still exact, because the transaction checks the window, locks the customer's
 * purchase row and the pool's stock rows — but every request then costs a transaction; {@code reject} answers 503.
 */
@ApplicationScoped
public class FlashSaleOrders {

    private static final Logger LOG = Logger.getLogger(FlashSaleOrders.class.getName());
    private static final long DEGRADED_WARNING_INTERVAL_MILLIS = 60_000;

    /** Sold-out answers given from this server's marker (here and in {@code SoldOutAnswers}, before the REST layer). */
    public static final String SOLD_OUT_BY_MARKER_METRIC = "mall.flashsale.marker.sold.out";

    /** What a purchase came to: an order (placed now or earlier), or a ticket of a queued sale. */
    public sealed interface Outcome {
    }

    public record Ordered(Orders.Placement placement) implements Outcome {
    }

    public record Ticketed(FlashTickets.View ticket, boolean created) implements Outcome {
    }

    @Inject
    SaleFacts facts;

    @Inject
    FlashSaleGate gate;

    @Inject
    SoldOutMarkers markers;

    @Inject
    FlashSaleReconciliation reconciliation;

    @Inject
    FlashOrderPlacement placement;

    @Inject
    FlashTickets tickets;

    @Inject
    Orders orders;

    @Inject
    ReservationRetry retry;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mall.flashsale.redis-down", defaultValue = "database")
    String whenRedisIsDown;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.gate.passes", description = "Flash-sale requests the Redis gate let through")
    Counter passes;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.gate.sold.out", description = "Flash-sale requests answered sold out by the Redis gate")
    Counter soldOut;

    @Inject
    @Metric(absolute = true, name = SOLD_OUT_BY_MARKER_METRIC,
            description = "Flash-sale requests answered sold out by this server's sold-out marker, without Redis")
    Counter soldOutByMarker;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.gate.refused",
            description = "Flash-sale requests refused: over the limit or outside the window")
    Counter refused;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.tickets.queued", description = "Queued flash purchases accepted (202)")
    Counter queued;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.degraded",
            description = "Flash-sale requests served without the Redis gate (database path or 503) because Redis failed")
    Counter degraded;

    /** When a failed gate call was last logged as a WARNING (epoch milliseconds). */
    private final AtomicLong lastDegradedWarning = new AtomicLong();

    public Outcome place(long customerId, long saleId, String idempotencyKey, int quantity) {
        FlashSale sale = facts.of(saleId).orElseThrow(() -> Refusal.notFound("Flash sale " + saleId));
        Instant now = clock.instant();
        if (now.isBefore(sale.startsAt())) {
            refused.inc();
            throw closed(sale);
        }
        if (markers.soldOut(saleId, customerId, idempotencyKey)) {
            soldOutByMarker.inc();
            throw soldOut(sale);
        }
        FlashSaleGate.Passed pass = new FlashSaleGate.Passed(
                sale.queued() ? Optional.of(UUID.randomUUID().toString()) : Optional.empty(), quantity);
        long generation = markers.generation();
        FlashSaleGate.Answer answer;
        try {
            answer = gate.take(saleId, customerId, idempotencyKey, pass, now);
            if (answer.verdict() == FlashSaleGate.Verdict.NOT_LOADED) {
                reconciliation.loadIfAbsent(saleId);
                answer = gate.take(saleId, customerId, idempotencyKey, pass, now);
            }
        } catch (RuntimeException e) {
            degraded.inc();
            warnDegraded(saleId, now, e);
            if ("reject".equals(whenRedisIsDown)) {
                throw new Refusal("flash-sale-unavailable", "The flash sale cannot take orders right now; try again.");
            }
            return withoutGate(customerId, sale, idempotencyKey, quantity);
        }
        return switch (answer.verdict()) {
            case PASS -> {
                passes.inc();
                yield sale.queued() ? enqueue(customerId, sale, idempotencyKey, pass.ticketId().orElseThrow(), quantity, now)
                        : new Ordered(placeNow(customerId, sale, idempotencyKey, quantity, true));
            }
            case REPLAY -> replay(customerId, sale, idempotencyKey, quantity, answer.earlier().orElseThrow());
            case SOLD_OUT -> {
                soldOut.inc();
                markSoldOut(saleId, generation);
                throw soldOut(sale);
            }
            case OVER_LIMIT -> {
                refused.inc();
                throw new Refusal("flash-sale-limit",
                        "This flash sale allows " + sale.perCustomerLimit() + " unit(s) per customer.");
            }
            case CLOSED -> {
                refused.inc();
                throw closed(sale);
            }
            case NOT_LOADED -> throw new IllegalStateException("flash sale " + saleId + " could not be loaded into the gate");
        };
    }

    /**
     * A failed gate call is a WARNING at most once a minute (during an outage every request fails; the metric
     * mall.flashsale.degraded counts them all), the exception itself at FINE.
     */
    private void warnDegraded(long saleId, Instant now, RuntimeException e) {
        long last = lastDegradedWarning.get();
        if (now.toEpochMilli() - last >= DEGRADED_WARNING_INTERVAL_MILLIS
                && lastDegradedWarning.compareAndSet(last, now.toEpochMilli())) {
            LOG.warning(() -> "Flash sale " + saleId + ": the Redis gate failed (" + e
                    + "); purchases take the path of mall.flashsale.redis-down=" + whenRedisIsDown
                    + " while it fails (mall.flashsale.degraded counts them)");
        }
        LOG.log(Level.FINE, "Redis gate unavailable", e);
    }

    /** The caller's ticket of the sale; 404 for a ticket that is not theirs (or unknown). */
    public FlashTickets.View ticket(long customerId, long saleId, String ticketId) {
        Optional<FlashTickets.View> decided = tickets.decided(customerId, saleId, ticketId);
        if (decided.isPresent()) {
            return decided.get();
        }
        Optional<Long> owner;
        try {
            owner = gate.ticketOwner(saleId, ticketId);
        } catch (RuntimeException e) {
            throw new Refusal("ticket-status-unavailable", "The ticket's status cannot be read right now; try again.");
        }
        if (owner.isPresent() && owner.get() == customerId) {
            // The gate knows the ticket and the database had no decision: queued (a decision committed since then
            // shows at the next poll).
            return FlashTickets.View.queued(ticketId);
        }
        throw Refusal.notFound("Ticket " + ticketId);
    }

    private Outcome enqueue(long customerId, FlashSale sale, String key, String ticketId, int quantity, Instant now) {
        try {
            tickets.enqueue(new QueuedPurchase(ticketId, sale.id(), customerId, key, quantity, now));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Flash sale " + sale.id() + ": could not queue a purchase", e);
            giveBackNow(sale, customerId, quantity, key);
            throw new Refusal("flash-sale-unavailable", "The purchase could not be queued; try again.");
        }
        queued.inc();
        return new Ticketed(FlashTickets.View.queued(ticketId), true);
    }

    /**
     * A retry of a key that passed the gate: its order if there is one, else its ticket; a synchronous request that
     * is still in flight is 409 (the client retries, as after any conflict).
     */
    private Outcome replay(long customerId, FlashSale sale, String key, int quantity, FlashSaleGate.Passed earlier) {
        Optional<Orders.Placement> order = orders.earlier(customerId, key, request(sale, quantity));
        if (order.isPresent()) {
            return new Ordered(order.get());
        }
        if (earlier.units() != quantity) {
            throw keyReused();
        }
        if (earlier.ticketId().isPresent()) {
            return new Ticketed(tickets.view(customerId, sale.id(), earlier.ticketId().get()), false);
        }
        throw new Refusal("idempotency-key-in-use",
                "A request with this Idempotency-Key is still being processed; retry it in a moment.");
    }

    /** Redis failed: the database path, exact on its own (see the class comment). */
    private Outcome withoutGate(long customerId, FlashSale sale, String key, int quantity) {
        Optional<Orders.Placement> earlier = orders.earlier(customerId, key, request(sale, quantity));
        if (earlier.isPresent()) {
            return new Ordered(earlier.get());
        }
        return new Ordered(placeNow(customerId, sale, key, quantity, false));
    }

    /**
     * The synchronous order, retried like an ordinary one when its transaction lost a lock race (two requests of one
     * customer creating its purchase row deadlock). Only the last attempt gives the gate its units back through its
     * rollback; an earlier one that fails for good gives them back here, since it will not be tried again.
     */
    private Orders.Placement placeNow(long customerId, FlashSale sale, String key, int quantity, boolean gated) {
        OrderRequest request = request(sale, quantity);
        try {
            return retry.run(last -> {
                try {
                    return new Orders.Placement(placement.attempt(customerId, key, request, sale, gated && last,
                            clock.instant()), true);
                } catch (RuntimeException e) {
                    if (gated && !last && !ReservationRetry.isRetried(e)) {
                        giveBackNow(sale, customerId, quantity, key);
                    }
                    throw e;
                }
            }, () -> { });
        } catch (RuntimeException e) {
            if (orders.keyTakenBy(e)) {
                // A concurrent request with this key committed first (this one's units went back to the gate).
                return orders.earlier(customerId, key, request).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private void giveBackNow(FlashSale sale, long customerId, int quantity, String key) {
        try {
            gate.giveBack(sale.id(), customerId, quantity, Optional.of(key));
        } catch (RuntimeException giveBackFailed) {
            // Reconciliation repairs the gate from the databases.
            LOG.log(Level.WARNING, "Flash sale " + sale.id() + ": could not give units back to the gate", giveBackFailed);
        }
    }

    private void markSoldOut(long saleId, long generation) {
        try {
            markers.markSoldOut(saleId, generation, () -> gate.passes(saleId));
        } catch (RuntimeException e) {
            // Without the passes the marker could not tell a retry from a newcomer: no marker, the gate answers.
            LOG.log(Level.FINE, "No sold-out marker for flash sale " + saleId, e);
        }
    }

    private static OrderRequest request(FlashSale sale, int quantity) {
        return new OrderRequest(new TreeMap<>(Map.of(sale.skuId(), quantity)));
    }

    public static Refusal soldOut(FlashSale sale) {
        return new Refusal("sold-out", "Flash sale " + sale.id() + " is sold out.");
    }

    private static Refusal closed(FlashSale sale) {
        return new Refusal("flash-sale-closed",
                "Flash sale " + sale.id() + " runs from " + sale.startsAt() + " to " + sale.endsAt() + ".");
    }

    private static Refusal keyReused() {
        return new Refusal("idempotency-key-reused",
                "This Idempotency-Key was used for a different order; use a new key for a new order.");
    }
}
