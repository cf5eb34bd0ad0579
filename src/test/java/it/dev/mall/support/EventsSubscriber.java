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
 * A subscriber to one of the shop's event topics, for the facts of one thing (one customer's orders, one SKU's
 * stock), as a shipping, mail or purchasing service would be. A topic keeps nothing for subscribers that are not there
 * yet: open it before the events are published. The broker is the one bin/mall exported (MALL_BROKER_*).
 */
public class EventsSubscriber implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final JMSContext context;
    private final JMSConsumer consumer;
    private final String idProperty;

    /**
     * The events of {@code topic} that {@code selector} (a JMS message selector) chooses; {@link #next} names each by
     * its long property {@code idProperty}.
     */
    public EventsSubscriber(String topic, String selector, String idProperty) {
        this.idProperty = idProperty;
        factory = Broker.connectionFactory();
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        consumer = context.createConsumer(context.createTopic(topic), selector);
    }

    /** The stock facts of one SKU (StockLow) on mall.stock-events; {@link #next} reads "Type skuId". */
    public static EventsSubscriber stockOf(long skuId) {
        return new EventsSubscriber("mall.stock-events", "skuId = " + skuId, "skuId");
    }

    /** "Type id" of the next {@code count} events, or of those that came within {@code atMost}. */
    public List<String> next(int count, Duration atMost) throws JMSException {
        List<String> events = new ArrayList<>();
        for (Message event : nextMessages(count, atMost)) {
            events.add(event.getJMSType() + " " + event.getLongProperty(idProperty));
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
