package dev.mall.platform.monitoring;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * Messages in the broker's DLQ (etc/artemis/broker.xml): each is an expiry or a payment whose listener failed every
 * redelivery, left to the safety-net sweep (docs/RELIABILITY.md). Counted by browsing the queue when /metrics is
 * scraped, up to {@link #CAP}: enough to tell "empty", "a few" and "many" without reading a flood on every scrape.
 */
@ApplicationScoped
public class DeadLetters {

    static final int CAP = 10_000;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    @Resource(lookup = "jms/mall")
    ConnectionFactory connectionFactory;

    /** Liberty registers a bean's gauges when the bean is created: create it at start, not at first use. */
    void registerGauges(@Observes Startup startup) {
    }

    @Gauge(name = "mall.jms.dlq.messages", absolute = true, unit = MetricUnits.NONE,
            description = "Messages in the broker's DLQ (counted up to 10000); NaN if the broker could not be read")
    public double messages() {
        try (JMSContext context = connectionFactory.createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue("DLQ"))) {
            int count = 0;
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements() && count < CAP; count++) {
                messages.nextElement();
            }
            return count;
        } catch (JMSException | JMSRuntimeException e) {
            LOG.log(Level.FINE, "could not browse DLQ", e);
            return Double.NaN;
        }
    }
}
