package dev.mall.platform.messaging;

import dev.mall.platform.tracing.Traceparent;
import dev.mall.platform.tracing.Tracing;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.time.Duration;
import java.util.Map;

/**
 * Sends persistent JMS messages through the Artemis resource adapter. Called inside a JTA transaction, the send is an
 * XA branch of it: the message exists for consumers only if the transaction commits, together with the database
 * writes. Domains wrap this in their own event interfaces and never touch JMS types elsewhere.
 */
@ApplicationScoped
public class MessageSender {

    @Resource(lookup = "jms/mall")
    ConnectionFactory connectionFactory;

    public void send(Destination destination, String type, Map<String, Object> properties, Duration deliveryDelay) {
        try (JMSContext context = connectionFactory.createContext()) {
            JMSProducer producer = context.createProducer().setJMSType(type);
            if (deliveryDelay != null && !deliveryDelay.isZero() && !deliveryDelay.isNegative()) {
                producer.setDeliveryDelay(deliveryDelay.toMillis());
            }
            properties.forEach(producer::setProperty);
            // The receiving MDB continues this trace (TracedDelivery); nothing is added when tracing is off.
            Tracing.traceparentToPropagate().ifPresent(value -> producer.setProperty(Traceparent.NAME, value));
            producer.send(destination, type);
        }
    }
}
