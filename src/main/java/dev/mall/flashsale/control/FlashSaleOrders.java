package dev.mall.flashsale.control;

import dev.mall.flashsale.entity.FlashSale;
import dev.mall.ordering.control.OrderQueries;
import dev.mall.ordering.control.OrderRequest;
import dev.mall.ordering.control.PlaceOrder;
import dev.mall.ordering.control.ReservationPolicy;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * Buying in a flash sale: the Redis gate first (sold out, over the limit, outside the window are answered there,
 * without database work), then, only for a pass, the normal XA order transaction on the sale's stock pool. If that
 * transaction does not commit, the gate gets its units back ({@link FlashCompensation}).
 * <p>
 * When Redis is down or its circuit is open, {@code mall.flashsale.redis-down} decides: {@code database} (default)
 * places the order without the gate — still exact, because the transaction checks the window, locks the customer's
 * purchase row and the pool's stock rows — but every request then costs a transaction; {@code reject} answers 503.
 */
@ApplicationScoped
public class FlashSaleOrders {

    private static final Logger LOG = Logger.getLogger(FlashSaleOrders.class.getName());

    @Inject
    FlashSales sales;

    @Inject
    FlashSaleGate gate;

    @Inject
    FlashSaleReconciliation reconciliation;

    @Inject
    FlashOrderPlacement placement;

    @Inject
    OrderQueries queries;

    @Inject
    ReservationPolicy policy;

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
    @Metric(absolute = true, name = "mall.flashsale.gate.refused",
            description = "Flash-sale requests refused by the Redis gate: over the limit or outside the window")
    Counter refused;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.degraded",
            description = "Flash-sale requests served without the Redis gate (database path or 503) because Redis failed")
    Counter degraded;

    public PlaceOrder.Placement place(long customerId, long saleId, String idempotencyKey, int quantity) {
        FlashSale sale = sales.find(saleId).orElseThrow(() -> ProblemException.notFound("Flash sale " + saleId));
        OrderRequest request = new OrderRequest(new TreeMap<>(Map.of(sale.skuId(), quantity)));
        Optional<CustomerOrder> earlier = queries.byIdempotencyKey(customerId, idempotencyKey);
        if (earlier.isPresent()) {
            return PlaceOrder.replay(earlier.get(), request.fingerprint());
        }
        Instant now = clock.instant();
        boolean gated = passGate(sale, customerId, quantity, now);
        try {
            return new PlaceOrder.Placement(placement.attempt(customerId, idempotencyKey, request, sale, gated,
                    clock.instant(), policy.timeout()), true);
        } catch (RuntimeException e) {
            if (PlaceOrder.violates(e, "uk_order_idempotency")) {
                // A concurrent request with this key committed first (this one's units went back to the gate).
                return PlaceOrder.replay(queries.byIdempotencyKey(customerId, idempotencyKey).orElseThrow(() -> e), request.fingerprint());
            }
            throw e;
        }
    }

    /** True if the gate let the request through; false if Redis failed and the database path is taken. */
    private boolean passGate(FlashSale sale, long customerId, int quantity, Instant now) {
        FlashSaleGate.Verdict verdict;
        try {
            verdict = gate.take(sale.id(), customerId, quantity, now);
            if (verdict == FlashSaleGate.Verdict.NOT_LOADED) {
                reconciliation.loadIfAbsent(sale.id());
                verdict = gate.take(sale.id(), customerId, quantity, now);
            }
        } catch (RuntimeException e) {
            degraded.inc();
            if ("reject".equals(whenRedisIsDown)) {
                throw new ProblemException("flash-sale-unavailable", "Flash sale unavailable",
                        Response.Status.SERVICE_UNAVAILABLE, "The flash sale cannot take orders right now; try again.");
            }
            LOG.log(Level.FINE, "Redis gate unavailable, flash order goes to the database", e);
            return false;
        }
        switch (verdict) {
            case PASS -> {
                passes.inc();
                return true;
            }
            case SOLD_OUT -> {
                soldOut.inc();
                throw ProblemException.conflict("sold-out", "Sold out", "Flash sale " + sale.id() + " is sold out.");
            }
            case OVER_LIMIT -> {
                refused.inc();
                throw ProblemException.unprocessable("flash-sale-limit", "Over the per-customer limit",
                        "This flash sale allows " + sale.perCustomerLimit() + " unit(s) per customer.");
            }
            case CLOSED -> {
                refused.inc();
                throw ProblemException.unprocessable("flash-sale-closed", "Outside the sale's window",
                        "Flash sale " + sale.id() + " runs from " + sale.startsAt() + " to " + sale.endsAt() + ".");
            }
            default -> throw new IllegalStateException("flash sale " + sale.id() + " could not be loaded into the gate");
        }
    }
}
