package dev.mall.inventory.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit gauges count failing SKUs and drifted units, and run the audit at most once per interval. */
class StockDriftWatchTest {

    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

    @Test
    void countsSkusThatFailTheAuditAndTheUnitsOfDriftEitherWay() {
        StockDriftWatch.Result result = StockDriftWatch.summarise(List.of(
                new StockAudit.SkuLine(1, 10, 2, 3, 2, 0),
                new StockAudit.SkuLine(2, 10, 5, 0, 2, 1),
                new StockAudit.SkuLine(3, 10, 1, 0, 4, 0),
                new StockAudit.SkuLine(4, 10, 0, 0, 0, 2)), NOW);
        assertThat(result.skusOff()).isEqualTo(3);
        assertThat(result.driftUnits()).isEqualTo(3 + 3);
    }

    @Test
    void theAuditRunsAtMostOncePerInterval() {
        List<Instant> runs = new ArrayList<>();
        StockDriftWatch watch = new StockDriftWatch();
        watch.interval = Duration.ofMinutes(1);
        watch.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        watch.audit = new StockAudit() {
            @Override
            public List<SkuLine> skus(Collection<Long> skuIds) {
                runs.add(watch.clock.instant());
                return List.of(new SkuLine(1, 10, 5, 0, 2, 1));
            }
        };
        assertThat(watch.skusOff()).isEqualTo(1);
        assertThat(watch.driftUnits()).isEqualTo(3);
        watch.clock = Clock.fixed(NOW.plusSeconds(59), ZoneOffset.UTC);
        watch.skusOff();
        assertThat(runs).hasSize(1);
        watch.clock = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
        watch.skusOff();
        assertThat(runs).hasSize(2);
    }
}
