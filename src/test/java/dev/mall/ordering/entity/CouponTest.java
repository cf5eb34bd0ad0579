package dev.mall.ordering.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.platform.domain.Refusal;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CouponTest {

    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");

    private static Coupon coupon(CouponKind kind, String value, String minSpend, Integer total, Integer perCustomer) {
        return new Coupon("TEA10", kind, new BigDecimal(value), minSpend == null ? null : new BigDecimal(minSpend),
                NOW.minusSeconds(60), NOW.plusSeconds(60), total, perCustomer, NOW);
    }

    @Test
    void aPercentageIsOfTheSubtotalRoundedHalfUpAndAnAmountNeverMoreThanTheSubtotal() {
        assertThat(coupon(CouponKind.PERCENT, "12.5", null, null, null).redeem(new BigDecimal("19.90"), 0, NOW))
                .isEqualByComparingTo("2.49"); // 2.4875
        assertThat(coupon(CouponKind.PERCENT, "100", null, null, null).redeem(new BigDecimal("7.00"), 0, NOW))
                .isEqualByComparingTo("7.00");
        assertThat(coupon(CouponKind.AMOUNT, "5", null, null, null).redeem(new BigDecimal("3.20"), 0, NOW))
                .isEqualByComparingTo("3.20");
    }

    @Test
    void eachRuleRefusesAndARefusalCountsNothing() {
        Coupon limited = coupon(CouponKind.AMOUNT, "1", "10.00", 2, 1);
        assertRefused(() -> limited.redeem(new BigDecimal("9.99"), 0, NOW), "at least 10.00");
        assertRefused(() -> limited.redeem(new BigDecimal("10"), 0, NOW.minusSeconds(61)), "valid from");
        assertRefused(() -> limited.redeem(new BigDecimal("10"), 0, NOW.plusSeconds(60)), "valid from");
        assertRefused(() -> limited.redeem(new BigDecimal("10"), 1, NOW), "per customer");
        assertThat(limited.redeemed()).isZero();

        limited.redeem(new BigDecimal("10"), 0, NOW);
        limited.redeem(new BigDecimal("10"), 0, NOW);
        assertRefused(() -> limited.redeem(new BigDecimal("10"), 0, NOW), "used up");
        assertThat(limited.redeemed()).isEqualTo(2);
        limited.giveBack();
        assertThat(limited.redeem(new BigDecimal("10"), 0, NOW)).isEqualByComparingTo("1.00");
    }

    @Test
    void aCouponIsWellFormed() {
        assertThatThrownBy(() -> coupon(CouponKind.PERCENT, "100.01", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> coupon(CouponKind.AMOUNT, "0", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Coupon("X", CouponKind.AMOUNT, BigDecimal.ONE, null, NOW, NOW, null, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        Coupon unused = coupon(CouponKind.AMOUNT, "1", null, null, null);
        assertThatThrownBy(unused::giveBack).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOrdersTotalIsItsSubtotalLessTheDiscount() {
        CustomerOrder order = new CustomerOrder("M1", 1, "key", "hash", NOW, NOW.plusSeconds(900));
        order.addLine(1, "tea", 2, new BigDecimal("10.00"));
        order.applyCoupon("TEA10", new BigDecimal("2.50"));
        assertThat(order.subtotal()).isEqualByComparingTo("20.00");
        assertThat(order.discount()).isEqualByComparingTo("2.50");
        assertThat(order.total()).isEqualByComparingTo("17.50");
        assertThat(order.couponCode()).isEqualTo("TEA10");
        assertThatThrownBy(() -> order.applyCoupon("OTHER", BigDecimal.ONE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> order.addLine(2, "cup", 1, BigDecimal.ONE)).isInstanceOf(IllegalStateException.class);
    }

    private static void assertRefused(Runnable redeem, String why) {
        assertThatThrownBy(redeem::run).isInstanceOf(Refusal.class).hasMessageContaining(why)
                .extracting(e -> ((Refusal) e).reason()).isEqualTo("coupon-invalid");
    }
}
