package dev.mall.ordering.boundary;

import dev.mall.ordering.control.OrderExpiry;
import dev.mall.ordering.control.ReservationExpiryMessages;
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
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * Receives ReservationExpiry when an order's reservation time is up, in a container-managed XA transaction that also
 * covers the message itself. Any failure propagates: the transaction rolls back, the broker redelivers with backoff
 * and after the last attempt moves the message to DLQ. Activation spec: server.xml "mall/ReservationExpiryListener".
 */
@MessageDriven(name = "ReservationExpiryListener")
@Interceptors(TracedDelivery.class)
public class ReservationExpiryListener implements MessageListener {

    static final String CONSUMER = "reservation-expiry";

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    private static final Logger LOG = Logger.getLogger(ReservationExpiryListener.class.getName());

    @Inject
    OrderExpiry expiry;

    @Inject
    @Metric(absolute = true, name = "mall.reservation.expiry.orphans",
            description = "ReservationExpiry messages naming an order that does not exist (should stay 0)")
    Counter orphans;

    @Override
    public void onMessage(Message message) {
        long orderId;
        try {
            if (!message.propertyExists(ReservationExpiryMessages.ORDER_ID)) {
                throw new IllegalArgumentException("ReservationExpiry without " + ReservationExpiryMessages.ORDER_ID);
            }
            orderId = message.getLongProperty(ReservationExpiryMessages.ORDER_ID);
        } catch (JMSException e) {
            throw new IllegalArgumentException("unreadable ReservationExpiry message", e);
        }
        if (ProcessedMessages.firstDelivery(orders, CONSUMER, message)
                && expiry.expire(orderId) == OrderExpiry.Outcome.NO_SUCH_ORDER) {
            // The message was committed without its order: an XA atomicity failure, which must never happen.
            orphans.inc();
            LOG.severe(() -> "ReservationExpiry for order " + orderId + ", which does not exist");
        }
    }
}
