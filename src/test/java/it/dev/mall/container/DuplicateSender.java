package it.dev.mall.container;

import it.dev.mall.support.Broker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQTextMessage;
import org.apache.activemq.artemis.utils.UUIDGenerator;

/**
 * A producer outside the server's transactions (a plain Artemis client, its jars carried by the deployment) that hands
 * the broker the same PaymentSucceeded twice: one JMSMessageID, two deliveries — what a consumer sees when a delivery
 * it had applied comes again (an acknowledgement lost with a broker, a message re-driven by an operator). The id is
 * the core message's user id, which the producer keeps when told not to make one of its own.
 */
final class DuplicateSender {

    private DuplicateSender() {
    }

    /** @return the JMSMessageID both copies carry */
    static String sendTwice(long paymentId, long orderId, String testRun) throws JMSException {
        try (ActiveMQConnectionFactory factory = Broker.connectionFactory();
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue("mall.payment-succeeded"));
            producer.setDisableMessageID(true);
            Object id = UUIDGenerator.getInstance().generateUUID();
            for (int copy = 0; copy < 2; copy++) {
                ActiveMQTextMessage message = (ActiveMQTextMessage) session.createTextMessage("PaymentSucceeded");
                message.getCoreMessage().setUserID(id);
                message.setJMSType("PaymentSucceeded");
                message.setLongProperty("paymentId", paymentId);
                message.setLongProperty("orderId", orderId);
                message.setStringProperty("testRun", testRun);
                producer.send(message);
            }
            return "ID:" + id;
        }
    }

    /**
     * Takes the message of {@code testRun} from the dead-letter queue: the queue it came from, or null if none arrives
     * within {@code millis}.
     */
    static String takeDeadLetter(String testRun, long millis) throws JMSException {
        try (ActiveMQConnectionFactory factory = Broker.connectionFactory();
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            jakarta.jms.Message dead = session.createConsumer(session.createQueue("DLQ"), "testRun = '" + testRun + "'")
                    .receive(millis);
            return dead == null ? null : dead.getStringProperty("_AMQ_ORIG_QUEUE");
        }
    }
}
