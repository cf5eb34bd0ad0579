package dev.mall.inventory.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ReservationRetryTest {

    private final ReservationRetry retry = new ReservationRetry(8, Duration.ofMillis(10), Duration.ofMillis(320));

    @RepeatedTest(20)
    void backoffDoublesWithinItsUpperHalfAndIsCapped() {
        assertThat(retry.backoffAfter(1)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(retry.backoffAfter(2)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(retry.backoffAfter(4)).isBetween(Duration.ofMillis(40), Duration.ofMillis(80));
        assertThat(retry.backoffAfter(6)).isBetween(Duration.ofMillis(160), Duration.ofMillis(320));
        assertThat(retry.backoffAfter(50)).isBetween(Duration.ofMillis(160), Duration.ofMillis(320));
    }

    @Test
    void jitterSpreadsTheBackoff() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> retry.backoffAfter(5)).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> new ReservationRetry(0, Duration.ofMillis(10), Duration.ofMillis(20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReservationRetry(3, Duration.ofMillis(50), Duration.ofMillis(20)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLoopRetriesOnlyLostRacesAndTellsTheLastAttempt() {
        ReservationRetry three = new ReservationRetry(3, Duration.ZERO, Duration.ZERO);
        java.util.List<Boolean> lastFlags = new java.util.ArrayList<>();
        int[] retries = {0};
        assertThatThrownBy(() -> three.run(last -> {
            lastFlags.add(last);
            throw new jakarta.persistence.OptimisticLockException("stock row changed");
        }, () -> retries[0]++)).isInstanceOf(jakarta.persistence.OptimisticLockException.class);
        assertThat(lastFlags).containsExactly(false, false, true);
        assertThat(retries[0]).isEqualTo(2);

        lastFlags.clear();
        IllegalStateException broken = new IllegalStateException("database away");
        assertThatThrownBy(() -> three.run(last -> {
            lastFlags.add(last);
            throw broken;
        }, () -> retries[0]++)).isSameAs(broken);
        assertThat(lastFlags).as("any other failure is not retried").containsExactly(false);
        String placed = three.run(last -> "placed", () -> retries[0]++);
        assertThat(placed).isEqualTo("placed");
        assertThat(retries[0]).isEqualTo(2);
    }
}
