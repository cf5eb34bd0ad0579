package dev.mall.payment.boundary;

import dev.mall.payment.entity.Payment;
import dev.mall.platform.messaging.MessageSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Queue;
import java.util.Map;

/** PaymentSucceeded, sent in the transaction that records the payment; the ordering domain consumes it. */
@ApplicationScoped
public class PaymentEvents {

    public static final String PAYMENT_ID = "paymentId";
    public static final String ORDER_ID = "orderId";

    @Resource(lookup = "jms/paymentSucceeded")
    Queue queue;

    @Inject
    MessageSender sender;

    public void succeeded(Payment payment) {
        sender.send(queue, "PaymentSucceeded", Map.of(PAYMENT_ID, payment.id(), ORDER_ID, payment.orderId()), null);
    }
}
