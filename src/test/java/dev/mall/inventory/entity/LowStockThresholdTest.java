package dev.mall.inventory.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LowStockThresholdTest {

    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");

    @Test
    void aCrossingDownwardsIsReportedOnceAndTheNextNeedsTheUnitsAboveFirst() {
        LowStockThreshold threshold = new LowStockThreshold(7, 5, NOW);
        assertThat(threshold.observe(6, NOW)).isFalse();
        assertThat(threshold.low()).isFalse();

        assertThat(threshold.observe(5, NOW.plusSeconds(1))).as("at the threshold is low").isTrue();
        assertThat(threshold.low()).isTrue();
        assertThat(threshold.crossedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(threshold.observe(3, NOW.plusSeconds(2))).as("still low: no second report").isFalse();
        assertThat(threshold.observe(0, NOW.plusSeconds(3))).isFalse();

        assertThat(threshold.observe(6, NOW.plusSeconds(4))).as("back above: nothing to report").isFalse();
        assertThat(threshold.low()).isFalse();
        assertThat(threshold.observe(4, NOW.plusSeconds(5))).as("the next crossing").isTrue();
        assertThat(threshold.crossedAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void aChangedThresholdIsJudgedAtTheNextObservation() {
        LowStockThreshold threshold = new LowStockThreshold(7, 2, NOW);
        assertThat(threshold.observe(4, NOW)).isFalse();
        threshold.change(4, NOW);
        assertThat(threshold.low()).as("not before it is observed").isFalse();
        assertThat(threshold.observe(4, NOW)).isTrue();
        threshold.change(1, NOW);
        assertThat(threshold.observe(4, NOW)).isFalse();
        assertThat(threshold.low()).isFalse();
        assertThatThrownBy(() -> threshold.change(-1, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
