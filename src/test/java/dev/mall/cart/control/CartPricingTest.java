package dev.mall.cart.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mall.catalog.boundary.SkuSnapshot;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CartPricingTest {

    private static final Map<Long, SkuSnapshot> CATALOG = Map.of(
            1L, new SkuSnapshot(1, "Sencha – 100 g", new BigDecimal("9.90")),
            2L, new SkuSnapshot(2, "Kyusu – 300 ml", new BigDecimal("39.00")),
            3L, new SkuSnapshot(3, "Filters – 100", new BigDecimal("0.33")));

    @Test
    void linesArePricedAtTheCurrentPriceAndSummed() {
        CartPricing.PricedCart cart = CartPricing.price(
                List.of(new CartPricing.Line(2, 1), new CartPricing.Line(1, 3), new CartPricing.Line(3, 1000)), CATALOG);

        assertThat(cart.lines()).extracting(CartPricing.PricedLine::skuId).as("in the cart's order").containsExactly(2L, 1L, 3L);
        assertThat(cart.lines().get(1).unitPrice()).hasToString("9.90");
        assertThat(cart.lines().get(1).lineTotal()).hasToString("29.70");
        assertThat(cart.lines().get(2).lineTotal()).hasToString("330.00");
        assertThat(cart.lines().get(0).name()).isEqualTo("Kyusu – 300 ml");
        assertThat(cart.total()).hasToString("398.70");
        assertThat(cart.unavailableSkuIds()).isEmpty();
    }

    @Test
    void anEmptyCartCostsZeroWithTwoDecimals() {
        CartPricing.PricedCart cart = CartPricing.price(List.of(), CATALOG);
        assertThat(cart.lines()).isEmpty();
        assertThat(cart.total()).hasToString("0.00");
    }

    @Test
    void skusTheCatalogNoLongerHasAreListedApartAndCountInNoTotal() {
        CartPricing.PricedCart cart = CartPricing.price(
                List.of(new CartPricing.Line(1, 1), new CartPricing.Line(99, 5)), CATALOG);
        assertThat(cart.lines()).extracting(CartPricing.PricedLine::skuId).containsExactly(1L);
        assertThat(cart.total()).hasToString("9.90");
        assertThat(cart.unavailableSkuIds()).containsExactly(99L);
    }

    @Test
    void pricesStoredWithFewerDecimalsStillReadAsMoney() {
        CartPricing.PricedCart cart = CartPricing.price(List.of(new CartPricing.Line(7, 2)),
                Map.of(7L, new SkuSnapshot(7, "Mug", new BigDecimal("12"))));
        assertThat(cart.lines().get(0).unitPrice()).hasToString("12.00");
        assertThat(cart.total()).hasToString("24.00");
    }
}
