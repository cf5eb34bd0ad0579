package dev.mall.ordering.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CustomerOrderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static CustomerOrder order() {
        CustomerOrder order = new CustomerOrder("M261126-ABC", 42, "key", "hash", NOW, NOW.plusSeconds(900));
        order.addLine(1, "tea", 2, new BigDecimal("3.50"));
        order.addLine(2, "cup", 1, new BigDecimal("9.99"));
        return order;
    }

    @Test
    void totalIsTheSumOfLinesAtTheirSnapshotPrices() {
        assertThat(order().total()).isEqualByComparingTo("16.99");
    }

    @Test
    void expiresOnlyWhenDueAndUnpaid() {
        CustomerOrder order = order();
        assertThat(order.expireIfDue(NOW.plusSeconds(899))).isFalse();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.expireIfDue(NOW.plusSeconds(900))).isTrue();
        assertThat(order.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(order.expireIfDue(NOW.plusSeconds(901))).as("applied once").isFalse();
    }

    @Test
    void aPaidOrderNeitherExpiresNorCancels() {
        CustomerOrder order = order();
        order.markPaid(7, NOW);
        assertThat(order.expireIfDue(NOW.plusSeconds(3600))).isFalse();
        assertThatThrownBy(() -> order.cancel(NOW)).isInstanceOf(IllegalTransition.class);
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.paymentId()).isEqualTo(7);
    }

    @Test
    void anEndedOrderCannotBePaid() {
        CustomerOrder order = order();
        order.cancel(NOW);
        assertThat(order.isPayable(NOW)).isFalse();
        assertThatThrownBy(() -> order.markPaid(1, NOW)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void onlyAPaidOrderShipsOrIsRefunded() {
        CustomerOrder unpaid = order();
        assertThatThrownBy(() -> unpaid.ship("DHL", "T1", NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> unpaid.refund(NOW)).isInstanceOf(IllegalTransition.class);
        assertThat(unpaid.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);

        CustomerOrder shipped = order();
        shipped.markPaid(7, NOW);
        shipped.ship("DHL", "T2", NOW);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThatThrownBy(() -> shipped.refund(NOW)).as("a shipped order is not refunded here")
                .isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> shipped.ship("DHL", "T3", NOW)).as("shipped once").isInstanceOf(IllegalTransition.class);

        CustomerOrder refunded = order();
        refunded.markPaid(8, NOW);
        refunded.refund(NOW);
        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.paymentId()).isEqualTo(8);
        assertThatThrownBy(() -> refunded.ship("DHL", "T4", NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> refunded.refund(NOW)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void aShippedOrderKeepsItsParcelAndOnlyItsDeliveryCompletesIt() {
        CustomerOrder order = order();
        assertThatThrownBy(() -> order.deliver(NOW)).as("not shipped").isInstanceOf(IllegalTransition.class);
        order.markPaid(7, NOW);
        assertThatThrownBy(() -> order.deliver(NOW)).as("paid, not shipped").isInstanceOf(IllegalTransition.class);
        assertThat(order.carrier()).isNull();

        order.ship("DHL", "JD0146", NOW.plusSeconds(60));
        assertThat(order.carrier()).isEqualTo("DHL");
        assertThat(order.trackingNumber()).isEqualTo("JD0146");
        assertThat(order.shippedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(order.deliveredAt()).isNull();

        order.deliver(NOW.plusSeconds(3600));
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.deliveredAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThatThrownBy(() -> order.deliver(NOW)).as("delivered once").isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> order.refund(NOW)).isInstanceOf(IllegalTransition.class);
        assertThat(order.deliveredAt()).as("unchanged by the refused one").isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void theAddressIsSetOnlyBeforeTheOrderIsPlaced() {
        CustomerOrder order = order();
        assertThat(order.shippingAddress()).isEmpty();
        order.shipTo(new ShippingAddress("Ann", "1 Tea Street", null, "Leeds", "LS1 4AP", "GB"));
        assertThat(order.shippingAddress()).get().extracting(ShippingAddress::city).isEqualTo("Leeds");
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void theStateMachineOnlyMovesForward(OrderStatus status) {
        for (OrderStatus target : status.next()) {
            assertThat(target.canBecome(status)).as(status + " <-> " + target).isFalse();
        }
        assertThat(status.canBecome(status)).isFalse();
    }

    @Test
    void theStateMachineIsTheDocumentedOne() {
        assertThat(OrderStatus.PENDING_PAYMENT.next())
                .containsExactlyInAnyOrder(OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.EXPIRED);
        assertThat(OrderStatus.PAID.next()).containsExactlyInAnyOrder(OrderStatus.SHIPPED, OrderStatus.REFUNDED);
        assertThat(OrderStatus.SHIPPED.next()).containsExactly(OrderStatus.COMPLETED);
        assertThat(OrderStatus.EXPIRED.next()).isEmpty();
    }
}
