package it.dev.mall.probe;

import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Receives probe messages in a container-managed XA transaction and records each in both databases. Its activation
 * spec ("mall-probe/ProbeListener") is in the test server's configuration. Failures propagate so that the broker
 * redelivers; nothing is caught and logged away.
 */
@MessageDriven(name = "ProbeListener")
public class ProbeListener implements MessageListener {

    @PersistenceContext(unitName = "probe-orders")
    EntityManager orders;

    @PersistenceContext(unitName = "probe-inventory")
    EntityManager inventory;

    @Override
    public void onMessage(Message message) {
        long receivedAt = System.currentTimeMillis();
        try {
            String id = message.getBody(String.class);
            long sentAt = message.getLongProperty("sentAt");
            orders.persist(new ProbeDelivery(id, sentAt, receivedAt));
            inventory.persist(new ProbeDelivery(id, sentAt, receivedAt));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable probe message", e);
        }
    }
}
