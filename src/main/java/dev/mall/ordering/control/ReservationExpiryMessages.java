package dev.mall.ordering.control;

import dev.mall.platform.faults.FaultPoint;
import dev.mall.platform.faults.InjectableFaults;
import dev.mall.platform.messaging.MessageSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.Map;

/**
 * Schedules the release of an unpaid order's stock: a persistent ReservationExpiry message that the broker holds back
 * for the reservation timeout (JMS delivery delay) and then hands to ReservationExpiryListener. Sent in the placing
 * transaction, so it exists exactly when the order does.
 */
@ApplicationScoped
public class ReservationExpiryMessages {

    public static final String TYPE = "ReservationExpiry";
    public static final String ORDER_ID = "orderId";

    @Resource(lookup = "jms/reservationExpiry")
    Queue queue;

    @Inject
    MessageSender sender;

    /** Called right after the order's rows are inserted: tests may fail the placement on either side of the send. */
    @InjectableFaults(before = FaultPoint.AFTER_ORDER_INSERT, after = FaultPoint.AFTER_SEND)
    public void schedule(long orderId, Duration delay) {
        sender.send(queue, TYPE, Map.of(ORDER_ID, orderId), delay);
    }
}
