package it.dev.mall.probe;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** One container-managed XA transaction: a row through each persistence unit, then one JMS send. */
@Stateless
public class ProbeTransactions {

    @PersistenceContext(unitName = "probe-orders")
    EntityManager orders;

    @PersistenceContext(unitName = "probe-inventory")
    EntityManager inventory;

    @Resource(lookup = "jms/mall")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/probe")
    Queue queue;

    /**
     * @param holdMillis keeps the transaction open after the three writes, so a crash can land while it is in flight
     * @param fail       throws after all three writes and the hold: the container must roll all three back
     */
    public void writeThenSend(String id, long deliveryDelayMillis, long holdMillis, boolean fail) {
        long now = System.currentTimeMillis();
        orders.persist(new ProbeWrite(id, now));
        inventory.persist(new ProbeWrite(id, now));
        orders.flush();
        inventory.flush();
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer()
                    .setDeliveryDelay(deliveryDelayMillis)
                    .setProperty("sentAt", System.currentTimeMillis())
                    .send(queue, id);
        }
        hold(holdMillis);
        if (fail) {
            throw new ProbeFailure("forced failure after the order write, the inventory write and the send");
        }
    }

    private static void hold(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure("interrupted while holding the transaction open");
        }
    }

    /** An unchecked (system) exception: the container rolls the transaction back. */
    public static class ProbeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ProbeFailure(String message) {
            super(message);
        }
    }
}
