package dev.mall.ordering.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.platform.domain.Money;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.PaymentId;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.problem.ProblemCatalogue;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An administrator's refund: only of a PAID order, through its payment at the provider; the refund that completes the
 * payment makes the order REFUNDED and is published, a part leaves it PAID; anything else changes nothing.
 */
class OrderRefundsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final BigDecimal PAID = new BigDecimal("20.00");
    /** The answer of a refund: the order itself, as the template hands it over inside the transaction. */
    private static final Function<CustomerOrder, CustomerOrder> AS_IS = Function.identity();

    private final List<String> paymentRefunds = new ArrayList<>();
    private final List<CustomerOrder> published = new ArrayList<>();
    private Fakes.OneEntity database;

    private OrderRefunds refunds(CustomerOrder order) {
        OrderRefunds refunds = new OrderRefunds();
        database = new Fakes.OneEntity(order);
        refunds.transitions = Fakes.transitions(database, NOW);
        refunds.payments = new PaymentLedger() {
            @Override
            public boolean isRecorded(String refundKey) {
                return false;
            }

            @Override
            public Money refundable(PaymentId paymentId) {
                return new Money(PAID);
            }

            @Override
            public Refund refundOrder(OrderId orderId, PaymentId paymentId, Optional<Money> amount, String refundKey,
                                      String reason) {
                paymentRefunds.add(orderId + "/" + paymentId + "/" + amount.map(Money::toString).orElse("all"));
                Money part = amount.orElse(new Money(PAID));
                return new Refund(paymentId, part, true, part.amount().compareTo(PAID) == 0);
            }
        };
        refunds.events = new OrderEvents() {
            @Override
            public void refunded(CustomerOrder order) {
                published.add(order);
            }
        };
        return refunds;
    }

    @Test
    void aPaidOrderIsRefundedWithItsPaymentAndPublished() {
        CustomerOrder order = Fakes.order(5, NOW);
        order.markPaid(17, NOW);
        assertThat(refunds(order).refund(5, null, null, AS_IS)).isSameAs(order);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(paymentRefunds).containsExactly("5/17/all");
        assertThat(published).containsExactly(order);
        assertThat(database.locks).containsExactly(LockModeType.PESSIMISTIC_WRITE);
    }

    @Test
    void aPartLeavesTheOrderPaidAndPublishesNothing() {
        CustomerOrder order = Fakes.order(5, NOW);
        order.markPaid(17, NOW);
        refunds(order).refund(5, new BigDecimal("5.00"), "k1", AS_IS);
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paymentRefunds).containsExactly("5/17/5.00");
        assertThat(published).isEmpty();
    }

    @Test
    void moreThanIsLeftIs400AndTheProviderIsNotAsked() {
        CustomerOrder order = Fakes.order(5, NOW);
        order.markPaid(17, NOW);
        assertThatThrownBy(() -> refunds(order).refund(5, new BigDecimal("20.01"), null, AS_IS))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(ProblemCatalogue.problemOf(e).status()).isEqualTo(400));
        assertThat(paymentRefunds).isEmpty();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void anUnpaidOrAlreadyRefundedOrderIs409AndNothingMoves() {
        CustomerOrder unpaid = Fakes.order(5, NOW);
        assertThatThrownBy(() -> refunds(unpaid).refund(5, null, null, AS_IS)).isInstanceOfSatisfying(Refusal.class,
                e -> assertThat(ProblemCatalogue.problemOf(e).status()).isEqualTo(409));
        CustomerOrder refunded = Fakes.order(6, NOW);
        refunded.markPaid(18, NOW);
        refunded.refund(NOW);
        assertThat(refunds(refunded).refund(6, null, null, AS_IS)).as("a repeated full refund answers the order as it is")
                .isSameAs(refunded);
        assertThatThrownBy(() -> refunds(refunded).refund(6, new BigDecimal("1.00"), null, AS_IS))
                .as("a part of a refunded order").isInstanceOf(Refusal.class);
        assertThat(paymentRefunds).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void anUnknownOrderIs404() {
        assertThatThrownBy(() -> refunds(null).refund(5, null, null, AS_IS)).isInstanceOfSatisfying(Refusal.class,
                e -> assertThat(ProblemCatalogue.problemOf(e).status()).isEqualTo(404));
    }
}
