package it.dev.mall.support;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A subscriber to the mall.order-events topic, as a shipping or mail service would be, for one customer's order
 * facts (OrderPaid, OrderShipped, OrderDelivered, OrderRefunded). A topic keeps nothing for subscribers that are not there yet: open
 * it before the events are published. The broker is the one bin/mall exported (MALL_BROKER_*).
 */
public final class OrderEventsSubscriber implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final JMSContext context;
    private final JMSConsumer consumer;

    public OrderEventsSubscriber(long customerId) {
        factory = Broker.connectionFactory();
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        consumer = context.createConsumer(context.createTopic("mall.order-events"), "customerId = " + customerId);
    }

    /** "Type orderId" of the next {@code count} events, or of those that came within {@code atMost}. */
    public List<String> next(int count, Duration atMost) throws JMSException {
        List<String> events = new ArrayList<>();
        for (Message event : nextMessages(count, atMost)) {
            events.add(event.getJMSType() + " " + event.getLongProperty("orderId"));
        }
        return events;
    }

    /** The next {@code count} events themselves (with all their properties), or those that came within {@code atMost}. */
    public List<Message> nextMessages(int count, Duration atMost) {
        List<Message> events = new ArrayList<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (events.size() < count) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Message event = left > 0 ? consumer.receive(left) : null;
            if (event == null) {
                break;
            }
            events.add(event);
        }
        return events;
    }

    @Override
    public void close() {
        consumer.close();
        context.close();
        factory.close();
    }
}
