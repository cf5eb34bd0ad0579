package dev.mall.ordering.control;

import dev.mall.ordering.boundary.OrderRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderRequestTest {

    @Test
    void theSameSkuOnSeveralLinesIsSummed() {
        OrderRequest request = OrderRequest.of(List.of(Map.entry(5L, 2), Map.entry(3L, 1), Map.entry(5L, 3)));
        assertThat(request.quantities()).containsExactly(Map.entry(3L, 1), Map.entry(5L, 5));
    }

    @Test
    void theFingerprintIgnoresLineOrderButNotQuantities() {
        OrderRequest a = OrderRequest.of(List.of(Map.entry(1L, 1), Map.entry(2L, 2)));
        OrderRequest b = OrderRequest.of(List.of(Map.entry(2L, 2), Map.entry(1L, 1)));
        OrderRequest c = OrderRequest.of(List.of(Map.entry(2L, 3), Map.entry(1L, 1)));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(64);
        assertThat(a.fingerprint()).isNotEqualTo(c.fingerprint());
    }

    @Test
    void anOrderOfTheCartHasOneFingerprintWhateverTheCartHeld() {
        OrderRequest cart = OrderRequest.ofCart(Map.of(2L, 3, 1L, 1));
        OrderRequest otherCart = OrderRequest.ofCart(Map.of(9L, 1));
        OrderRequest items = OrderRequest.of(List.of(Map.entry(1L, 1), Map.entry(2L, 3)));

        assertThat(cart.fromCart()).isTrue();
        assertThat(items.fromCart()).isFalse();
        assertThat(cart.quantities()).containsExactly(Map.entry(1L, 1), Map.entry(2L, 3));
        assertThat(cart.fingerprint()).isEqualTo(otherCart.fingerprint()).isEqualTo(OrderRequest.CART_FINGERPRINT)
                .hasSize(64);
        assertThat(cart.fingerprint()).as("the same lines sent as items are another request")
                .isNotEqualTo(items.fingerprint());
    }

    @Test
    void theAddressIsPartOfTheRequestAndAnOrderWithoutOneKeepsItsFingerprint() {
        OrderRequest items = OrderRequest.of(List.of(Map.entry(1L, 1)));
        String before = items.fingerprint();
        OrderRequest.Address leeds = new OrderRequest.Address("Ann", "1 Tea Street", null, "Leeds", "LS1 4AP", "GB");
        OrderRequest.Address york = new OrderRequest.Address("Ann", "1 Tea Street", null, "York", "LS1 4AP", "GB");
        // Field lengths are part of the text hashed: moving a word from one field to the next is another address.
        OrderRequest.Address shifted = new OrderRequest.Address("Ann 1", "Tea Street", null, "Leeds", "LS1 4AP", "GB");

        assertThat(items.shippedTo(null).fingerprint()).isEqualTo(before);
        assertThat(items.shippedTo(leeds).fingerprint()).isNotEqualTo(before)
                .isEqualTo(OrderRequest.of(List.of(Map.entry(1L, 1))).shippedTo(leeds).fingerprint())
                .isNotEqualTo(items.shippedTo(york).fingerprint())
                .isNotEqualTo(items.shippedTo(shifted).fingerprint());
        OrderRequest cart = OrderRequest.ofCart(Map.of(1L, 1));
        assertThat(cart.shippedTo(leeds).fingerprint()).isEqualTo(OrderRequest.cartFingerprint(leeds, null))
                .isNotEqualTo(OrderRequest.CART_FINGERPRINT).isNotEqualTo(items.shippedTo(leeds).fingerprint());
    }

    @Test
    void theCouponIsPartOfTheRequest() {
        OrderRequest items = OrderRequest.of(List.of(Map.entry(1L, 1)));
        OrderRequest cart = OrderRequest.ofCart(Map.of(1L, 1));
        assertThat(items.withCoupon("TEA10").fingerprint()).isNotEqualTo(items.fingerprint())
                .isNotEqualTo(items.withCoupon("TEA20").fingerprint())
                .isEqualTo(OrderRequest.of(List.of(Map.entry(1L, 1))).withCoupon("TEA10").fingerprint());
        assertThat(cart.withCoupon("TEA10").fingerprint()).isEqualTo(OrderRequest.cartFingerprint(null, "TEA10"))
                .isNotEqualTo(OrderRequest.CART_FINGERPRINT);
        assertThat(items.withCoupon(null).fingerprint()).isEqualTo(items.fingerprint());
    }

    @Test
    void anEmptyCartIsNoOrder() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OrderRequest.ofCart(Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderNumbersAreDatedAndDistinct() {
        OrderNumbers numbers = new OrderNumbers();
        Instant now = Instant.parse("2026-11-26T23:59:59Z");
        String first = numbers.next(now);
        assertThat(first).matches("M261126-[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(numbers.next(now)).isNotEqualTo(first);
    }

    @Test
    void aReservationRunsOutOnAWholeSecondNotBeforeItsTimeout() {
        Instant now = Instant.parse("2026-11-26T10:00:00.250Z");
        assertThat(ReservationPolicy.expiresAt(now, java.time.Duration.ofSeconds(3)))
                .isEqualTo(Instant.parse("2026-11-26T10:00:04Z"));
        assertThat(ReservationPolicy.expiresAt(Instant.parse("2026-11-26T10:00:00Z"), java.time.Duration.ofMinutes(15)))
                .isEqualTo(Instant.parse("2026-11-26T10:15:00Z"));
    }
}
