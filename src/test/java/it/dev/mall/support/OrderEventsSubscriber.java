package it.dev.mall.support;

/**
 * A subscriber to the mall.order-events topic, as a shipping or mail service would be, for one customer's order facts
 * (OrderPaid, OrderShipped, OrderDelivered, OrderRefunded); {@link #next} reads "Type orderId".
 */
public final class OrderEventsSubscriber extends EventsSubscriber {

    public OrderEventsSubscriber(long customerId) {
        super("mall.order-events", "customerId = " + customerId, "orderId");
    }
}
