package dev.mall.flashsale.boundary;

import dev.mall.flashsale.control.FlashTickets;
import dev.mall.flashsale.entity.QueuedPurchase;
import dev.mall.platform.messaging.ProcessedMessages;
import dev.mall.platform.tracing.TracedDelivery;
import jakarta.ejb.MessageDriven;
import jakarta.interceptor.Interceptors;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Turns queued flash-sale purchases into orders: one container-managed XA transaction per message covers its
 * receipt, the ticket's decision, the order, the customer's purchase row, the pool's units and the order's
 * ReservationExpiry message. Any failure rolls all of it back and the broker redelivers; the queue's address setting
 * (etc/artemis/broker.xml) never dead-letters these messages, because a purchase the buyer was told about must be
 * decided. Activation spec: server.xml "mall/FlashPurchaseListener" (its maxSession is the pace of the orders).
 */
@MessageDriven(name = "FlashPurchaseListener")
@Interceptors(TracedDelivery.class)
public class FlashPurchaseListener implements MessageListener {

    static final String CONSUMER = "flash-purchase";

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    FlashTickets tickets;

    @Override
    public void onMessage(Message message) {
        QueuedPurchase purchase;
        try {
            purchase = new QueuedPurchase(message.getStringProperty("ticketId"), message.getLongProperty("saleId"),
                    message.getLongProperty("customerId"), message.getStringProperty("idempotencyKey"),
                    message.getIntProperty("units"), Instant.ofEpochMilli(message.getLongProperty("acceptedAt")));
        } catch (JMSException | NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("unreadable " + FlashTickets.TYPE + " message", e);
        }
        if (purchase.ticketId() == null || purchase.idempotencyKey() == null) {
            throw new IllegalArgumentException(FlashTickets.TYPE + " without ticketId or idempotencyKey");
        }
        if (ProcessedMessages.firstDelivery(orders, CONSUMER, message)) {
            tickets.decide(purchase);
        }
    }
}
