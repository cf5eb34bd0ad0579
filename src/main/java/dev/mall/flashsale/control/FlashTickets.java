package dev.mall.flashsale.control;

import dev.mall.flashsale.boundary.FlashSaleReconciliation;
import dev.mall.flashsale.entity.FlashSale;
import dev.mall.flashsale.entity.FlashTicket;
import dev.mall.flashsale.entity.QueuedPurchase;
import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.boundary.OrderRequest;
import dev.mall.ordering.boundary.OrderViews;
import dev.mall.ordering.boundary.Orders;
import dev.mall.platform.messaging.MessageSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * Queued flash-sale purchases (the article's peak shaving through a message queue): a buyer who passed the gate of a
 * queued sale is answered with a ticket as soon as its message is safely in the broker, and the order is created
 * later, in the XA transaction that receives that message, at the pace the databases sustain.
 * <p>
 * A ticket is never lost: the message is persistent and acknowledged by the broker before the buyer hears "202", and
 * it is consumed only by a transaction that records the decision ({@code flash_ticket}) together with the order it
 * created, or with the reason it could not (the gate then gets the units back).
 */
@ApplicationScoped
public class FlashTickets {

    public static final String TYPE = "FlashPurchaseQueued";

    /** What a caller may know of a ticket. */
    public record View(String ticketId, FlashTicket.Status status, Long orderId, String reason) {

        static View of(FlashTicket ticket) {
            return new View(ticket.id(), ticket.status(), ticket.orderId(), ticket.reason());
        }

        public static View queued(String ticketId) {
            return new View(ticketId, FlashTicket.Status.QUEUED, null, null);
        }
    }

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Resource(lookup = "jms/flashPurchases")
    Queue queue;

    @Inject
    MessageSender sender;

    @Inject
    SaleFacts facts;

    @Inject
    FlashPurchases purchases;

    @Inject
    Inventory stock;

    @Inject
    FlashOrderPlacement placement;

    @Inject
    FlashCompensation compensation;

    @Inject
    Orders ordering;

    @Inject
    Clock clock;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.tickets.ordered", description = "Queued flash purchases that became orders")
    Counter ordered;

    @Inject
    @Metric(absolute = true, name = "mall.flashsale.tickets.failed",
            description = "Queued flash purchases refused when their message was processed (their units went back to the gate)")
    Counter failed;

    /** Puts the purchase in the queue; returns once the broker holds it (a transaction of the broker alone). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void enqueue(QueuedPurchase purchase) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("ticketId", purchase.ticketId());
        properties.put("saleId", purchase.saleId());
        properties.put("customerId", purchase.customerId());
        properties.put("idempotencyKey", purchase.idempotencyKey());
        properties.put("units", purchase.units());
        properties.put("acceptedAt", purchase.acceptedAt().toEpochMilli());
        sender.send(queue, TYPE, properties, null);
    }

    /**
     * Decides a queued purchase, in the transaction of its message: the order (the same rows, locks and expiry message
     * as a synchronous flash order), or a recorded refusal. Every refusal is checked before anything is written, so
     * that it is a decision to commit, not an exception that would roll the message back (the one exception: another
     * purchase took the last units between the check and the pool's lock; this one then rolls back and its
     * redelivery records "sold out"). A ticket already decided (a redelivery) is left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decide(QueuedPurchase purchase) {
        if (orders.find(FlashTicket.class, purchase.ticketId()) != null) {
            return;
        }
        FlashSale sale = facts.of(purchase.saleId())
                .orElseThrow(() -> new IllegalStateException("queued purchase of unknown flash sale " + purchase.saleId()));
        Instant now = clock.instant();
        Optional<String> refusal = refusal(purchase, sale);
        if (refusal.isPresent()) {
            orders.persist(FlashTicket.failed(purchase, refusal.get(), now));
            compensation.giveBackIfCommitted(sale.id(), purchase.customerId(), purchase.units());
            failed.inc();
            return;
        }
        OrderRequest request = new OrderRequest(new TreeMap<>(Map.of(sale.skuId(), purchase.units())));
        OrderViews.OrderView order = placement.create(purchase.customerId(), purchase.idempotencyKey(), request, sale,
                now);
        orders.persist(FlashTicket.ordered(purchase, order.id(), now));
        ordered.inc();
    }

    /**
     * Why the purchase cannot become an order: the key and the customer's purchase row (locked, in the order the
     * order itself locks), then the pool's free units as last committed — not locked, so that no purchase holds the
     * sale's shared rows while its order's message is sent ({@link FlashOrderPlacement#create}).
     */
    private Optional<String> refusal(QueuedPurchase purchase, FlashSale sale) {
        if (ordering.exists(purchase.customerId(), purchase.idempotencyKey())) {
            return Optional.of("idempotency-key-reused");
        }
        if (!purchases.allows(sale.id(), purchase.customerId(), purchase.units(), sale.perCustomerLimit())) {
            return Optional.of("flash-sale-limit");
        }
        if (stock.poolAvailable(new Inventory.Pool(sale.skuId(), sale.id())) < purchase.units()) {
            return Optional.of("sold-out");
        }
        return Optional.empty();
    }

    /** The decided ticket, if it is the customer's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<View> decided(long customerId, long saleId, String ticketId) {
        return Optional.ofNullable(orders.find(FlashTicket.class, ticketId))
                .filter(t -> t.customerId() == customerId && t.saleId() == saleId)
                .map(View::of);
    }

    /** The ticket as the buyer should see it: decided, or still in the queue. */
    public View view(long customerId, long saleId, String ticketId) {
        return decided(customerId, saleId, ticketId).orElseGet(() -> View.queued(ticketId));
    }

    /**
     * Every Idempotency-Key of the sale the databases know, with what the gate should answer a retry with: the order's
     * units, or the ticket (a decided one; queued ones are still in the broker, see FlashSaleReconciliation).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<FlashSaleGate.KnownKey> knownKeys(long saleId) {
        Map<String, FlashSaleGate.KnownKey> keys = new HashMap<>();
        for (Orders.SaleOrderKey order : ordering.keysOfFlashSale(saleId)) {
            keys.put(order.customerId() + ":" + order.idempotencyKey(), new FlashSaleGate.KnownKey(order.customerId(),
                    order.idempotencyKey(), new FlashSaleGate.Passed(Optional.empty(), order.units())));
        }
        orders.createQuery("select t from FlashTicket t where t.saleId = :sale", FlashTicket.class)
                .setParameter("sale", saleId)
                .getResultList()
                .forEach(t -> keys.put(t.customerId() + ":" + t.idempotencyKey(), new FlashSaleGate.KnownKey(
                        t.customerId(), t.idempotencyKey(), new FlashSaleGate.Passed(Optional.of(t.id()), t.quantity()))));
        return new ArrayList<>(keys.values());
    }
}
