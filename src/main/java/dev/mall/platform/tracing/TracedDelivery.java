package dev.mall.platform.tracing;

import dev.mall.platform.logging.LogContext;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Around an MDB's {@code onMessage} ({@code @Interceptors(TracedDelivery.class)}): the delivery continues the trace
 * of the transaction that sent the message (its {@code traceparent} property, set by MessageSender) in a CONSUMER span
 * of its own when tracing is on, and every log record of the delivery carries the trace and span ids and the
 * message's order and customer ids. Runs inside the delivery's XA transaction; an exception passes through unchanged
 * (the container rolls back and the broker redelivers), marked on the span.
 */
public class TracedDelivery {

    private static final Logger LOG = Logger.getLogger(TracedDelivery.class.getName());

    public static final String ORDER_ID = "orderId";
    public static final String CUSTOMER_ID = "customerId";

    @AroundInvoke
    public Object deliver(InvocationContext invocation) throws Exception {
        Object[] parameters = invocation.getParameters();
        if (parameters.length != 1 || !(parameters[0] instanceof Message message)) {
            return invocation.proceed();
        }
        String traceparent = property(message, Traceparent.NAME);
        String orderId = property(message, ORDER_ID);
        String customerId = property(message, CUSTOMER_ID);
        String name = invocation.getTarget().getClass().getSimpleName();
        AutoCloseable span = null;
        if (Tracing.enabled()) {
            Map<String, String> attributes = new HashMap<>();
            attributes.put("messaging.operation", "process");
            attributes.put("mall.listener", name);
            if (orderId != null) {
                attributes.put("mall.order_id", orderId);
            }
            try {
                span = OpenTelemetryTraces.consume(name + " process", traceparent, attributes);
            } catch (RuntimeException | LinkageError e) {
                // A trace is never worth a failed delivery (which would roll back and redeliver): go on untraced.
                LOG.log(Level.WARNING, "delivery to " + name + " not traced: " + e, e);
            }
        }
        try (LogContext context = LogContext.open()) {
            Tracing.current(traceparent).ifPresent(ids -> context
                    .with(LogContext.TRACE_ID, ids.traceId()).with(LogContext.SPAN_ID, ids.spanId()));
            context.with(LogContext.ORDER_ID, orderId).with(LogContext.CUSTOMER_ID, customerId);
            return invocation.proceed();
        } catch (Exception | Error e) {
            if (span != null) {
                OpenTelemetryTraces.failed(e);
            }
            throw e;
        } finally {
            if (span != null) {
                span.close();
            }
        }
    }

    private static String property(Message message, String name) {
        try {
            return message.propertyExists(name) ? message.getObjectProperty(name).toString() : null;
        } catch (JMSException e) {
            return null;
        }
    }
}
