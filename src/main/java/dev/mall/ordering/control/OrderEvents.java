package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.messaging.MessageSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import java.util.Map;

/**
 * Publishes order facts on the mall.order-events topic for whoever subscribes (shipping, mail, analytics), in the
 * transaction that changes the order: OrderPaid (the PaymentSucceeded MDB or the safety-net sweep), OrderShipped and
 * OrderRefunded (an administrator). The message is the JMS type; the properties say which order.
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
        publish("OrderShipped", order);
    }

    public void refunded(CustomerOrder order) {
        publish("OrderRefunded", order);
    }

    private void publish(String type, CustomerOrder order) {
        sender.send(topic, type, Map.of("orderId", order.id(), "number", order.number(),
                "customerId", order.customerId(), "total", order.total().toPlainString()), null);
    }
}
