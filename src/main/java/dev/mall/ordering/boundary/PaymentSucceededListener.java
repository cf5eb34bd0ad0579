package dev.mall.ordering.boundary;

import dev.mall.ordering.control.PaidOrders;
import dev.mall.payment.boundary.PaymentEvents;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.PaymentId;
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

/**
 * Receives PaymentSucceeded and applies it to the order (PAID + stock confirmed + OrderPaid, or a refund if the order
 * is no longer payable) in one XA transaction with the message. Failures propagate (redelivery, then DLQ).
 * Activation spec: server.xml "mall/PaymentSucceededListener".
 */
@MessageDriven(name = "PaymentSucceededListener")
@Interceptors(TracedDelivery.class)
public class PaymentSucceededListener implements MessageListener {

    static final String CONSUMER = "payment-succeeded";

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    PaidOrders paidOrders;

    @Override
    public void onMessage(Message message) {
        long paymentId;
        long orderId;
        try {
            if (!message.propertyExists(PaymentEvents.PAYMENT_ID) || !message.propertyExists(PaymentEvents.ORDER_ID)) {
                throw new IllegalArgumentException("PaymentSucceeded without payment or order id");
            }
            paymentId = message.getLongProperty(PaymentEvents.PAYMENT_ID);
            orderId = message.getLongProperty(PaymentEvents.ORDER_ID);
        } catch (JMSException e) {
            throw new IllegalArgumentException("unreadable PaymentSucceeded message", e);
        }
        if (ProcessedMessages.firstDelivery(orders, CONSUMER, message)) {
            paidOrders.apply(new PaymentId(paymentId), new OrderId(orderId));
        }
    }
}
