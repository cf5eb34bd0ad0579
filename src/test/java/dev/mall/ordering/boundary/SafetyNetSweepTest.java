package dev.mall.ordering.boundary;

import dev.mall.ordering.control.Fakes;
import dev.mall.ordering.control.PaidOrders;
import dev.mall.ordering.control.OrderQueries;
import dev.mall.ordering.control.OrderExpiry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sweep's decisions: which orders and payments it asks for (cutoffs from grace and window), that it counts only
 * what it settled, and that neither a failed read nor one failing row stops the rest.
 */
class SafetyNetSweepTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final List<String> reads = new ArrayList<>();
    private final List<Long> expired = new ArrayList<>();
    private final List<Long> applied = new ArrayList<>();
    private final Fakes.CountingCounter expiredBySweep = new Fakes.CountingCounter();
    private final Fakes.CountingCounter paymentsBySweep = new Fakes.CountingCounter();

    private SafetyNetSweep sweep(List<Long> overdue, Map<Long, OrderExpiry.Outcome> outcomes, List<Long> payments,
                                 boolean ordersUnreadable) {
        SafetyNetSweep sweep = new SafetyNetSweep();
        sweep.queries = new OrderQueries() {
            @Override
            public List<Long> overdue(Instant before, int limit) {
                reads.add("overdue before " + before);
                if (ordersUnreadable) {
                    throw new IllegalStateException("database away");
                }
                return overdue;
            }

            @Override
            public List<Long> unappliedPayments(Instant from, Instant before, int limit) {
                reads.add("payments from " + from + " before " + before);
                return payments;
            }
        };
        sweep.expiry = new OrderExpiry() {
            @Override
            public Outcome expire(long orderId) {
                Outcome outcome = outcomes.get(orderId);
                if (outcome == null) {
                    throw new IllegalStateException("lock wait timeout on order " + orderId);
                }
                expired.add(orderId);
                return outcome;
            }
        };
        sweep.paidOrders = new PaidOrders() {
            @Override
            public void applyPayment(long paymentId) {
                if (paymentId < 0) {
                    throw new IllegalStateException("payment " + paymentId + " does not exist");
                }
                applied.add(paymentId);
            }
        };
        sweep.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        sweep.grace = Duration.ofSeconds(30);
        sweep.paymentsWindow = Duration.ofDays(1);
        sweep.expiredBySweep = expiredBySweep;
        sweep.paymentsBySweep = paymentsBySweep;
        return sweep;
    }

    @Test
    void asksForWhatIsOverdueByMoreThanTheGraceAndPaymentsWithinTheWindow() {
        sweep(List.of(), Map.of(), List.of(), false).sweep();
        assertThat(reads).containsExactly("overdue before 2026-11-26T09:59:30Z",
                "payments from 2026-11-25T09:59:30Z before 2026-11-26T09:59:30Z");
    }

    @Test
    void countsOnlyTheOrdersItExpiredItself() {
        sweep(List.of(1L, 2L, 3L), Map.of(1L, OrderExpiry.Outcome.EXPIRED, 2L, OrderExpiry.Outcome.UNCHANGED,
                3L, OrderExpiry.Outcome.EXPIRED), List.of(), false).sweep();
        assertThat(expired).containsExactly(1L, 2L, 3L);
        assertThat(expiredBySweep.getCount()).as("order 2 was paid or expired meanwhile").isEqualTo(2);
    }

    @Test
    void oneRowThatFailsDoesNotStopTheOthers() {
        sweep(List.of(1L, 2L, 3L), Map.of(1L, OrderExpiry.Outcome.EXPIRED, 3L, OrderExpiry.Outcome.EXPIRED),
                List.of(10L, -11L, 12L), false).sweep();
        assertThat(expired).containsExactly(1L, 3L);
        assertThat(applied).containsExactly(10L, 12L);
        assertThat(expiredBySweep.getCount()).isEqualTo(2);
        assertThat(paymentsBySweep.getCount()).isEqualTo(2);
    }

    @Test
    void aFailedReadSkipsThatStepOnlyAndNeverThrows() {
        sweep(List.of(1L), Map.of(1L, OrderExpiry.Outcome.EXPIRED), List.of(10L), true).sweep();
        assertThat(expired).isEmpty();
        assertThat(applied).as("the payments step still runs").containsExactly(10L);
    }
}
