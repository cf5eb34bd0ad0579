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
 *   <li>for customers who never passed the gate: a customer who did may be retrying with the Idempotency-Key of
 *       their order or ticket, which only the gate can recognise, so they are sent on to it.</li>
 * </ul>
 */
@ApplicationScoped
public class SoldOutMarkers {

    private record Marker(long markedAtNanos, Set<Long> buyers) {
    }

    @Inject
    @ConfigProperty(name = "mall.flashsale.sold-out-marker.ttl", defaultValue = "PT2S")
    Duration ttl;

    private final ConcurrentMap<Long, Marker> markers = new ConcurrentHashMap<>();
    private final AtomicLong restocks = new AtomicLong();
    private volatile boolean subscribed;

    /** True if this server may answer sold out for the customer without asking the gate. */
    public boolean soldOut(long saleId, long customerId) {
        Marker marker = markers.get(saleId);
        if (marker == null || !subscribed) {
            return false;
        }
        if (!fresh(marker)) {
            markers.remove(saleId, marker);
            return false;
        }
        return !marker.buyers().contains(customerId);
    }

    private boolean fresh(Marker marker) {
        return System.nanoTime() - marker.markedAtNanos() <= ttl.toNanos();
    }

    /** Read before asking the gate; {@link #markSoldOut} needs it to tell whether a restock crossed the answer. */
    public long generation() {
        return restocks.get();
    }

    /**
     * The gate answered sold out: remember it, with the customers who passed it ({@code buyers} is read from the gate
     * now, after the sold-out answer, so it holds everyone who took one of the units that are gone). Not if any
     * restock was heard since {@code generation}: its notification may have overtaken the gate's answer. Nor while
     * a fresh marker stands: the buyers would be read from Redis again for every gate answer of the sale.
     */
    public void markSoldOut(long saleId, long generation, Supplier<Set<Long>> buyers) {
        if (!subscribed || restocks.get() != generation) {
            return;
        }
        Marker standing = markers.get(saleId);
        if (standing != null && fresh(standing)) {
            return;
        }
        Marker marker = new Marker(System.nanoTime(), buyers.get());
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
