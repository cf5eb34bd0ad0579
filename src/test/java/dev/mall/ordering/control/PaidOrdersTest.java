package dev.mall.ordering.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.PaymentId;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A succeeded payment pays an unpaid order, and is refunded in every other case; applied twice it changes nothing. */
class PaidOrdersTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final List<Long> confirmed = new ArrayList<>();
    private final List<String> refunds = new ArrayList<>();
    private final List<CustomerOrder> published = new ArrayList<>();
    private int countedPaid;

    private PaidOrders paidOrders(CustomerOrder order, Fakes.OneEntity[] database) {
        PaidOrders paid = new PaidOrders();
        database[0] = new Fakes.OneEntity(order);
        paid.transitions = Fakes.transitions(database[0], NOW);
        paid.stock = new Inventory() {
            @Override
            public int confirm(OrderId orderId) {
                confirmed.add(orderId.value());
                return 1;
            }
        };
        paid.payments = new PaymentLedger() {
            @Override
            public void refund(PaymentId paymentId, String reason) {
                refunds.add(paymentId + ": " + reason);
            }
        };
        paid.events = new OrderEvents() {
            @Override
            public void paid(CustomerOrder order) {
                published.add(order);
            }
        };
        paid.outcomeCounts = new OrderOutcomes() {
            @Override
            public void paid() {
                countedPaid++;
            }
        };
        return paid;
    }

    @Test
    void anUnpaidOrderBecomesPaidItsUnitsSoldAndOrderPaidPublished() {
        CustomerOrder order = Fakes.order(5, NOW);
        Fakes.OneEntity[] database = new Fakes.OneEntity[1];
        paidOrders(order, database).apply(new PaymentId(17), new OrderId(5));

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.paymentId()).isEqualTo(17);
        assertThat(confirmed).containsExactly(5L);
        assertThat(published).containsExactly(order);
        assertThat(countedPaid).as("mall_orders_total{outcome=paid}").isEqualTo(1);
        assertThat(refunds).isEmpty();
        assertThat(database[0].locks).as("the order row is locked first").containsExactly(LockModeType.PESSIMISTIC_WRITE);
    }

    @Test
    void anUnpaidOrderPastItsExpiryWhoseMessageHasNotComeIsStillPaid() {
        CustomerOrder order = Fakes.order(5, NOW.minusSeconds(3600));
        paidOrders(order, new Fakes.OneEntity[1]).apply(new PaymentId(17), new OrderId(5));
        assertThat(order.status()).as("money arrived while the units were still held").isEqualTo(OrderStatus.PAID);
    }

    @Test
    void theSamePaymentAppliedAgainChangesNothing() {
        CustomerOrder order = Fakes.order(5, NOW);
        PaidOrders paid = paidOrders(order, new Fakes.OneEntity[1]);
        paid.apply(new PaymentId(17), new OrderId(5));
        paid.apply(new PaymentId(17), new OrderId(5));
        assertThat(confirmed).hasSize(1);
        assertThat(published).hasSize(1);
        assertThat(countedPaid).as("a redelivery is not counted again").isEqualTo(1);
        assertThat(refunds).as("a redelivery is not a second payment").isEmpty();
    }

    @Test
    void aSecondPaymentOfAPaidOrderIsRefunded() {
        CustomerOrder order = Fakes.order(5, NOW);
        PaidOrders paid = paidOrders(order, new Fakes.OneEntity[1]);
        paid.apply(new PaymentId(17), new OrderId(5));
        paid.apply(new PaymentId(18), new OrderId(5));
        assertThat(order.paymentId()).isEqualTo(17);
        assertThat(refunds).singleElement().asString().startsWith("18: ").contains("PAID");
        assertThat(confirmed).hasSize(1);
    }

    @Test
    void aPaymentForAnExpiredOrCancelledOrderIsRefundedAndTheOrderLeftAsItIs() {
        CustomerOrder expired = Fakes.order(5, NOW.minusSeconds(3600));
        assertThat(expired.expireIfDue(NOW)).isTrue();
        paidOrders(expired, new Fakes.OneEntity[1]).apply(new PaymentId(17), new OrderId(5));
        CustomerOrder cancelled = Fakes.order(6, NOW);
        cancelled.cancel(NOW);
        paidOrders(cancelled, new Fakes.OneEntity[1]).apply(new PaymentId(18), new OrderId(6));

        assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(refunds).containsExactly("17: order M5 is EXPIRED", "18: order M6 is CANCELLED");
        assertThat(confirmed).as("money never resurrects an order").isEmpty();
        assertThat(published).isEmpty();
        assertThat(countedPaid).isZero();
    }

    @Test
    void aPaymentForAnOrderThatDoesNotExistFailsTheTransaction() {
        PaidOrders paid = paidOrders(null, new Fakes.OneEntity[1]);
        assertThatThrownBy(() -> paid.apply(new PaymentId(17), new OrderId(5))).isInstanceOf(IllegalStateException.class);
        assertThat(refunds).isEmpty();
    }
}
