package dev.mall.ordering.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.platform.problem.ProblemException;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An administrator's refund: only of a PAID order, with its own payment, published; anything else changes nothing. */
class OrderRefundsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final List<String> paymentRefunds = new ArrayList<>();
    private final List<CustomerOrder> published = new ArrayList<>();
    private Fakes.OneEntity database;

    private OrderRefunds refunds(CustomerOrder order) {
        OrderRefunds refunds = new OrderRefunds();
        database = new Fakes.OneEntity(order);
        refunds.orders = database.manager;
        refunds.payments = new PaymentLedger() {
            @Override
            public void refundOrder(long orderId, Long paymentId, String reason) {
                paymentRefunds.add(orderId + "/" + paymentId);
            }
        };
        refunds.events = new OrderEvents() {
            @Override
            public void refunded(CustomerOrder order) {
                published.add(order);
            }
        };
        refunds.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return refunds;
    }

    @Test
    void aPaidOrderIsRefundedWithItsPaymentAndPublished() {
        CustomerOrder order = Fakes.order(5, NOW);
        order.markPaid(17, NOW);
        assertThat(refunds(order).refund(5)).isSameAs(order);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(paymentRefunds).containsExactly("5/17");
        assertThat(published).containsExactly(order);
        assertThat(database.locks).containsExactly(LockModeType.PESSIMISTIC_WRITE);
    }

    @Test
    void anUnpaidOrAlreadyRefundedOrderIs409AndNothingMoves() {
        CustomerOrder unpaid = Fakes.order(5, NOW);
        assertThatThrownBy(() -> refunds(unpaid).refund(5)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(409));
        CustomerOrder refunded = Fakes.order(6, NOW);
        refunded.markPaid(18, NOW);
        refunded.refund(NOW);
        assertThatThrownBy(() -> refunds(refunded).refund(6)).isInstanceOf(ProblemException.class);
        assertThat(paymentRefunds).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void anUnknownOrderIs404() {
        assertThatThrownBy(() -> refunds(null).refund(5)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(404));
    }
}
