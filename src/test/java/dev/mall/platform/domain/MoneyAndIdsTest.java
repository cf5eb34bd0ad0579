package dev.mall.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Money is cents, never negative; ids are positive and never equal to another kind of id with the same number. */
class MoneyAndIdsTest {

    @Test
    void moneyHasTwoDecimalsAndRefusesMoreOrLessThanZero() {
        assertThat(Money.of("5")).isEqualTo(Money.of("5.00")).hasToString("5.00");
        assertThat(Money.of("5.100").amount()).isEqualByComparingTo("5.10");
        assertThat(Money.of("20.00")).isGreaterThan(Money.of("19.99"));
        assertThatThrownBy(() -> Money.of("5.001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(new BigDecimal("-0.01"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.ZERO.isZero()).isTrue();
    }

    @Test
    void idsArePositiveAndOfOneKind() {
        assertThat(new OrderId(7)).isEqualTo(new OrderId(7)).hasToString("7");
        assertThat((Object) new OrderId(7)).isNotEqualTo(new PaymentId(7));
        assertThatThrownBy(() -> new CustomerId(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
