package dev.mall.flashsale.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's memory of which flash sales its gate answered sold out, so that the crowd that arrives after the last
 * unit is answered without Redis or a database. A marker is trusted only
 * <ul>
 *   <li>while this server is subscribed to {@link FlashSaleGate#RESTOCKED} (every give-back and every reconciliation
 *       that finds units publishes there, and {@link #restocked} drops the marker): without the subscription nobody
 *       would tell us that units came back;</li>
 *   <li>for at most {@code mall.flashsale.sold-out-marker.ttl} (default 2 s): the bound on how long a server may
 *       answer "sold out" for a unit that came back, should a notification be lost between a publish and a
 *       reconnect;</li>
 *   <li>for purchases the gate has not passed: a customer with the Idempotency-Key of a purchase that passed may be
 *       retrying it, and only the gate (and behind it the databases) can give its order or ticket back, so such a
 *       request is sent on to it. The marker knows passed purchases by customer <em>and</em> key, not by customer:
 *       the sold-out answer is given before the caller's token is verified ({@code SoldOutAnswers}), and a marker
 *       that let every buyer through would tell anyone who names a customer in a forged token whether that customer
 *       bought (401 from the verification instead of 409). A buyer's <em>new</em> purchase is answered sold out —
 *       which it is.</li>
 * </ul>
 */
@ApplicationScoped
public class SoldOutMarkers {

    private record Marker(long markedAtNanos, Set<String> passes) {
    }

    @Inject
    @ConfigProperty(name = "mall.flashsale.sold-out-marker.ttl", defaultValue = "PT2S")
    Duration ttl;

    private final ConcurrentMap<Long, Marker> markers = new ConcurrentHashMap<>();
    private final AtomicLong restocks = new AtomicLong();
    private volatile boolean subscribed;

    /** True if this server may answer sold out for the customer's purchase without asking the gate. */
    public boolean soldOut(long saleId, long customerId, String idempotencyKey) {
        Marker marker = markers.get(saleId);
        if (marker == null || !subscribed) {
            return false;
        }
        if (!fresh(marker)) {
            markers.remove(saleId, marker);
            return false;
        }
        return !marker.passes().contains(FlashSaleGate.passKey(customerId, idempotencyKey));
    }

    private boolean fresh(Marker marker) {
        return System.nanoTime() - marker.markedAtNanos() <= ttl.toNanos();
    }

    /** Read before asking the gate; {@link #markSoldOut} needs it to tell whether a restock crossed the answer. */
    public long generation() {
        return restocks.get();
    }

    /**
     * The gate answered sold out: remember it, with the purchases that passed it ({@code passes} is read from the gate
     * now, after the sold-out answer, so it holds every purchase that took one of the units that are gone, as
     * {@link FlashSaleGate#passKey} names it). Not if any restock was heard since {@code generation}: its
     * notification may have overtaken the gate's answer. Nor while a fresh marker stands: the passes would be read
     * from Redis again for every gate answer of the sale.
     */
    public void markSoldOut(long saleId, long generation, Supplier<Set<String>> passes) {
        if (!subscribed || restocks.get() != generation) {
            return;
        }
        Marker standing = markers.get(saleId);
        if (standing != null && fresh(standing)) {
            return;
        }
        Marker marker = new Marker(System.nanoTime(), passes.get());
        markers.put(saleId, marker);
        if (restocks.get() != generation) {
            // A restock arrived while we were putting the marker: it may have removed nothing yet.
            markers.remove(saleId, marker);
        }
    }

    /** Units came back to the sale's gate (published by any server, this one included). */
    public void restocked(long saleId) {
        restocks.incrementAndGet();
        markers.remove(saleId);
    }

    /** The subscription is up: notifications reach this server from now on. */
    public void subscribed() {
        subscribed = true;
    }

    /** The subscription is down: a notification may be missed, so no marker can be trusted any more. */
    public void unsubscribed() {
        subscribed = false;
        restocks.incrementAndGet();
        markers.clear();
    }
}
