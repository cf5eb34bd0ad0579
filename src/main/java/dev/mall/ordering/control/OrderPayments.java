package dev.mall.ordering.control;

import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.payment.boundary.GatewayOutcome;
import dev.mall.platform.domain.Money;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * A customer pays an order: under the order's row lock (as every other change of the order), a payable order gets its
 * open payment at the provider, the existing one if the customer comes back: that payment is the answer of an
 * {@link OrderTransition} that only checks the order. The order itself becomes PAID when the provider's signed callback has been
 * applied ({@link PaidOrders}).
 */
@ApplicationScoped
public class OrderPayments {

    @Inject
    OrderTransitions transitions;

    @Inject
    PaymentLedger payments;

    public PaymentLedger.Checkout pay(long customerId, long orderId, Optional<GatewayOutcome> testOutcome) {
        return transitions.apply(Target.own(customerId, orderId), OrderTransition.checking((order, now) -> {
            if (!order.isPayable(now)) {
                throw new Refusal("order-state", "Order " + orderId + " is " + order.status()
                        + (order.status() == OrderStatus.PENDING_PAYMENT ? " but its reservation has run out" : "")
                        + " and cannot be paid.");
            }
        }), order -> payments.open(order.orderId(), order.customer(), new Money(order.total()), testOutcome));
    }
}
