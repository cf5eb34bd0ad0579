package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.messaging.MessageSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes order facts on the mall.order-events topic for whoever subscribes (shipping, mail, analytics), in the
 * transaction that changes the order: OrderPaid (the PaymentSucceeded MDB or the safety-net sweep), OrderShipped (with
 * {@code carrier} and {@code trackingNumber}) and OrderRefunded (an administrator), OrderDelivered (an administrator or
 * the carrier's callback), and a return's ReturnRequested, ReturnRefunded, ReturnRejected. The message is the JMS type; the properties say which order.
 */
@ApplicationScoped
public class OrderEvents {

    @Resource(lookup = "jms/orderEvents")
    Topic topic;

    @Inject
    MessageSender sender;

    public void paid(CustomerOrder order) {
        publish("OrderPaid", order);
    }

    public void shipped(CustomerOrder order) {
        Map<String, Object> properties = new HashMap<>(identity(order));
        if (order.carrier() != null) { // shipped without a parcel (v1's ship): no properties rather than null ones
            properties.put("carrier", order.carrier());
            properties.put("trackingNumber", order.trackingNumber());
        }
        sender.send(topic, "OrderShipped", properties, null);
    }

    public void delivered(CustomerOrder order) {
        publish("OrderDelivered", order);
    }

    public void refunded(CustomerOrder order) {
        publish("OrderRefunded", order);
    }

    /** A return's fact (ReturnRequested, ReturnRefunded, ReturnRejected) with {@code returnId} and {@code amount}. */
    public void returned(String type, CustomerOrder order, long returnId, BigDecimal amount) {
        Map<String, Object> properties = new HashMap<>(identity(order));
        properties.put("returnId", returnId);
        properties.put("amount", amount.toPlainString());
        sender.send(topic, type, properties, null);
    }

    private void publish(String type, CustomerOrder order) {
        sender.send(topic, type, identity(order), null);
    }

    private static Map<String, Object> identity(CustomerOrder order) {
        return Map.of("orderId", order.id(), "number", order.number(), "customerId", order.customerId(),
                "total", order.total().toPlainString());
    }
}
