package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.messaging.MessageSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import java.util.Map;

/** Publishes order facts (OrderPaid) on the mall.order-events topic for whoever subscribes (shipping, mail, analytics). */
@ApplicationScoped
public class OrderEvents {

    @Resource(lookup = "jms/orderEvents")
    Topic topic;

    @Inject
    MessageSender sender;

    public void paid(CustomerOrder order) {
        sender.send(topic, "OrderPaid", Map.of("orderId", order.id(), "number", order.number(),
                "customerId", order.customerId(), "total", order.total().toPlainString()), null);
    }
}
