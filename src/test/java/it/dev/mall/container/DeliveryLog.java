package it.dev.mall.container;

import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Records every delivery the container makes to the shop's message-driven beans (bound in the deployment's
 * ejb-jar.xml): which bean, the message's JMSMessageID, its JMSXDeliveryCount and properties, when, and whether the
 * delivery returned or threw (a throw rolls its transaction back, so the broker delivers again). Runs inside the
 * bean's transaction, around onMessage.
 */
public class DeliveryLog {

    /** One call of onMessage. {@code failure} is null when it returned. */
    public record Delivery(String bean, String messageId, int deliveryCount, Long orderId, Long paymentId,
                           String testRun, Instant at, String failure) {

        public boolean failed() {
            return failure != null;
        }
    }

    private static final Queue<Delivery> DELIVERIES = new ConcurrentLinkedQueue<>();

    @AroundInvoke
    Object record(InvocationContext invocation) throws Exception {
        Object[] parameters = invocation.getParameters();
        if (!"onMessage".equals(invocation.getMethod().getName()) || parameters.length != 1
                || !(parameters[0] instanceof Message message)) {
            return invocation.proceed();
        }
        Instant at = Instant.now();
        String bean = invocation.getTarget().getClass().getSimpleName();
        try {
            Object result = invocation.proceed();
            DELIVERIES.add(of(bean, message, at, null));
            return result;
        } catch (Exception | Error e) {
            DELIVERIES.add(of(bean, message, at, e.getClass().getName() + ": " + e.getMessage()));
            throw e;
        }
    }

    private static Delivery of(String bean, Message message, Instant at, String failure) throws JMSException {
        return new Delivery(bean.replaceAll("\\$.*", ""), message.getJMSMessageID(),
                message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 0,
                message.propertyExists("orderId") ? message.getLongProperty("orderId") : null,
                message.propertyExists("paymentId") ? message.getLongProperty("paymentId") : null,
                message.getStringProperty("testRun"), at, failure);
    }

    /** The deliveries so far that match, in the order they ended. */
    public static List<Delivery> matching(Predicate<Delivery> filter) {
        return DELIVERIES.stream().filter(filter).toList();
    }

    public static Predicate<Delivery> ofTestRun(String testRun) {
        return delivery -> testRun.equals(delivery.testRun());
    }

    public static Predicate<Delivery> ofOrder(String bean, long orderId) {
        return delivery -> delivery.bean().equals(bean) && Long.valueOf(orderId).equals(delivery.orderId());
    }
}
