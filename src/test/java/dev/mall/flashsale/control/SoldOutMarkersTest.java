package dev.mall.flashsale.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class SoldOutMarkersTest {

    private final long sale = ThreadLocalRandom.current().nextLong(1, 1_000_000);
    private final long buyer = ThreadLocalRandom.current().nextLong(1, 1_000_000);
    private final long newcomer = buyer + 1;
    private final String key = "k-" + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

    private static SoldOutMarkers markers(Duration ttl, boolean subscribed) {
        SoldOutMarkers markers = new SoldOutMarkers();
        markers.ttl = ttl;
        if (subscribed) {
            markers.subscribed();
        }
        return markers;
    }

    @Test
    void aMarkedSaleIsSoldOutForEveryPurchaseButThoseThatPassedTheGate() {
        SoldOutMarkers markers = markers(Duration.ofHours(1), true);
        markers.markSoldOut(sale, markers.generation(), () -> Set.of(FlashSaleGate.passKey(buyer, key)));
        assertThat(markers.soldOut(sale, newcomer, key)).isTrue();
        assertThat(markers.soldOut(sale, buyer, key)).as("may be a retry: the gate must answer").isFalse();
        assertThat(markers.soldOut(sale, buyer, key + "x")).as("the buyer's new purchase").isTrue();
        assertThat(markers.soldOut(sale + 1, newcomer, key)).as("another sale").isFalse();
    }

    @Test
    void aRestockDropsTheMarker() {
        SoldOutMarkers markers = markers(Duration.ofHours(1), true);
        markers.markSoldOut(sale, markers.generation(), Set::of);
        markers.restocked(sale);
        assertThat(markers.soldOut(sale, newcomer, key)).isFalse();
    }

    @Test
    void aRestockHeardBetweenTheGatesAnswerAndTheMarkPreventsTheMark() {
        SoldOutMarkers markers = markers(Duration.ofHours(1), true);
        long before = markers.generation();
        markers.restocked(sale);
        markers.markSoldOut(sale, before, Set::of);
        assertThat(markers.soldOut(sale, newcomer, key)).isFalse();
    }

    @Test
    void aMarkerOutlivingItsTtlIsNotTrusted() {
        SoldOutMarkers markers = markers(Duration.ZERO, true);
        markers.markSoldOut(sale, markers.generation(), Set::of);
        assertThat(markers.soldOut(sale, newcomer, key)).isFalse();
    }

    @Test
    void withoutTheSubscriptionNoMarkerIsSetOrTrusted() {
        SoldOutMarkers unsubscribed = markers(Duration.ofHours(1), false);
        unsubscribed.markSoldOut(sale, unsubscribed.generation(), Set::of);
        assertThat(unsubscribed.soldOut(sale, newcomer, key)).isFalse();

        SoldOutMarkers markers = markers(Duration.ofHours(1), true);
        markers.markSoldOut(sale, markers.generation(), Set::of);
        markers.unsubscribed();
        markers.subscribed();
        assertThat(markers.soldOut(sale, newcomer, key)).as("a notification may have been missed meanwhile").isFalse();
    }
}
