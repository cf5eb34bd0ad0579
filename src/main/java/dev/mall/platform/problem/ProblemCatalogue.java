package dev.mall.platform.problem;

import dev.mall.platform.domain.Refusal;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where the domains' refusals become problem+json: each {@link Refusal#reason() reason} has its type
 * slug, title and HTTP status here (docs/API.md "Errors" lists the same). Domain code names only the reason and a
 * detail; a new reason needs a line here, else it answers 500 (ProblemCatalogueTest holds the list to docs/API.md).
 */
public final class ProblemCatalogue {

    private static final Logger LOG = Logger.getLogger(ProblemCatalogue.class.getName());

    /** How a reason reads on the wire. The slug is the reason unless two reasons share one slug. */
    record Entry(String slug, String title, Response.StatusType status) {
    }

    private static final Response.StatusType CONFLICT = Response.Status.CONFLICT;
    private static final Response.StatusType UNPROCESSABLE = ProblemException.UNPROCESSABLE_CONTENT;

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            entry(Refusal.NOT_FOUND, "Not found", Response.Status.NOT_FOUND),
            entry(Refusal.INVALID, "Invalid request", Response.Status.BAD_REQUEST),
            // identity
            entry("email-taken", "Email already registered", CONFLICT),
            // cart
            entry("cart-full", "Cart full", UNPROCESSABLE),
            entry("cart-changed", "Cart changed", CONFLICT),
            // inventory
            entry("insufficient-stock", "Insufficient stock", CONFLICT),
            entry("below-reserved", "Below reserved units", CONFLICT),
            entry("bucket-in-use", "Bucket in use", CONFLICT),
            entry("warehouse-code-taken", "Warehouse code taken", CONFLICT),
            // ordering
            entry("stock-contention", "Stock is busy", CONFLICT),
            entry("idempotency-key-reused", "Idempotency-Key reused", UNPROCESSABLE),
            entry("idempotency-key-in-use", "Request in progress", CONFLICT),
            entry("order-state", "Order state conflict", CONFLICT),
            entry("tracking-number-in-use", "Tracking number in use", CONFLICT),
            entry("coupon-invalid", "Coupon not valid for this order", UNPROCESSABLE),
            entry("coupon-code-taken", "Coupon code taken", CONFLICT),
            entry("return-state", "Return state conflict", CONFLICT),
            entry("refund-failed", "Refund failed", CONFLICT),
            Map.entry("refund-provider-unreachable",
                    new Entry("refund-failed", "Refund failed", Response.Status.BAD_GATEWAY)),
            // payment
            entry("amount-mismatch", "Amount mismatch", CONFLICT),
            entry("payment-settled", "Payment already settled", CONFLICT),
            // flash sales
            entry("sold-out", "Sold out", CONFLICT),
            entry("flash-sale-limit", "Over the per-customer limit", UNPROCESSABLE),
            entry("flash-sale-closed", "Outside the sale's window", UNPROCESSABLE),
            entry("flash-sale-unavailable", "Flash sale unavailable", Response.Status.SERVICE_UNAVAILABLE),
            Map.entry("ticket-status-unavailable", new Entry("flash-sale-unavailable", "Ticket status unavailable",
                    Response.Status.SERVICE_UNAVAILABLE)));

    private ProblemCatalogue() {
    }

    private static Map.Entry<String, Entry> entry(String reason, String title, Response.StatusType status) {
        return Map.entry(reason, new Entry(reason, title, status));
    }

    /** The problem that answers {@code refusal}; a reason missing here is a bug, answered as one (500). */
    public static Problem problemOf(Refusal refusal) {
        Entry entry = ENTRIES.get(refusal.reason());
        if (entry == null) {
            LOG.log(Level.SEVERE, "Refusal reason without a catalogue entry: " + refusal.reason(), refusal);
            return Problems.forStatus(500);
        }
        Problem problem = Problem.of(entry.slug(), entry.title(), entry.status(), refusal.getMessage());
        return refusal.fields().isEmpty() ? problem : problem.withErrors(refusal.fields().stream()
                .map(field -> new Problem.FieldError(field.name(), field.message())).toList());
    }

    static Set<String> reasons() {
        return ENTRIES.keySet();
    }

    static Entry entryOf(String reason) {
        return ENTRIES.get(reason);
    }
}
