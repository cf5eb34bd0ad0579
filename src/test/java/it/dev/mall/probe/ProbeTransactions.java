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

    /** @param holdMillis keeps the transaction open after the three writes, so a crash can land while it is in flight */
    public void writeThenSend(String id, long holdMillis) {
        long now = System.currentTimeMillis();
        orders.persist(new ProbeWrite(id, now));
        inventory.persist(new ProbeWrite(id, now));
        orders.flush();
        inventory.flush();
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().setProperty("sentAt", System.currentTimeMillis()).send(queue, id);
        }
        if (holdMillis > 0) {
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while holding the transaction open", e);
            }
        }
    }
}
