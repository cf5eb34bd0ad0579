package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.payment.boundary.GatewayOutcome;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * A customer pays an order: under the order's row lock (as every other change of the order), a payable order gets its
 * open payment at the provider, the existing one if the customer comes back. The order itself does not change here:
 * it becomes PAID only when the provider's signed callback has been applied (PaidOrders).
 */
@ApplicationScoped
public class OrderPayments {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    PaymentLedger payments;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRED)
    public PaymentLedger.Checkout pay(long customerId, long orderId, Optional<GatewayOutcome> testOutcome) {
        CustomerOrder order = orders.find(CustomerOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null || !order.belongsTo(customerId)) {
            throw Refusal.notFound("Order " + orderId);
        }
        if (!order.isPayable(clock.instant())) {
            throw new Refusal("order-state",
                    "Order " + orderId + " is " + order.status() + (order.status() == OrderStatus.PENDING_PAYMENT
                            ? " but its reservation has run out" : "") + " and cannot be paid.");
        }
        return payments.open(order.id(), order.customerId(), order.total(), testOutcome);
    }
}
