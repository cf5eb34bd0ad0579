package dev.mall.catalog.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SkuTest {

    private final Product product = new Product(1, "Sencha", "green tea", Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void pricesAreKeptWithTwoDecimalPlaces() {
        Sku sku = product.addSku("100 g", new BigDecimal("9.9"));
        assertThat(sku.price()).hasToString("9.90");
        sku.reprice(new BigDecimal("12"));
        assertThat(sku.price()).hasToString("12.00");
    }

    @Test
    void aPriceMustBePositiveAndNotFinerThanACent() {
        Sku sku = product.addSku("100 g", new BigDecimal("9.90"));
        assertThatThrownBy(() -> sku.reprice(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sku.reprice(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sku.reprice(new BigDecimal("1.999"))).isInstanceOf(ArithmeticException.class);
        assertThat(sku.price()).hasToString("9.90");
    }
}
