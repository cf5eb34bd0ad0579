package dev.mall.ordering.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.Test;

/** Order outcomes count when their transaction commits, never when it rolls back; expiry lag is never negative. */
class OrderOutcomesTest {

    private final Map<String, Fakes.CountingCounter> counters = new HashMap<>();
    private final List<Duration> lags = new ArrayList<>();
    private final List<Synchronization> registered = new ArrayList<>();

    private OrderOutcomes outcomes() {
        OrderOutcomes outcomes = new OrderOutcomes();
        outcomes.metrics = (MetricRegistry) Proxy.newProxyInstance(MetricRegistry.class.getClassLoader(),
                new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "counter" -> counters.computeIfAbsent(((Metadata) args[0]).getName() + "/"
                            + ((Tag[]) args[1])[0].getTagValue(), k -> new Fakes.CountingCounter());
                    case "timer" -> Proxy.newProxyInstance(Timer.class.getClassLoader(), new Class<?>[] {Timer.class},
                            (t, m, a) -> {
                                if (m.getName().equals("update")) {
                                    lags.add((Duration) a[0]);
                                }
                                return null;
                            });
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        outcomes.transaction = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                TransactionSynchronizationRegistry.class.getClassLoader(),
                new Class<?>[] {TransactionSynchronizationRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerInterposedSynchronization")) {
                        registered.add((Synchronization) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        outcomes.register();
        return outcomes;
    }

    private void complete(int status) {
        registered.forEach(s -> s.afterCompletion(status));
        registered.clear();
    }

    private long count(String outcome) {
        return counters.get("mall.orders/" + outcome).getCount();
    }

    @Test
    void anOutcomeCountsOnlyOnceItsTransactionCommitted() {
        OrderOutcomes outcomes = outcomes();
        outcomes.placed();
        assertThat(count("placed")).as("not before the commit").isZero();
        complete(Status.STATUS_COMMITTED);
        assertThat(count("placed")).isEqualTo(1);

        outcomes.placed();
        outcomes.paid();
        outcomes.cancelled();
        complete(Status.STATUS_ROLLEDBACK);
        assertThat(count("placed")).as("a rolled-back attempt is retried or refused: it never counts").isEqualTo(1);
        assertThat(count("paid")).isZero();
        assertThat(count("cancelled")).isZero();
    }

    @Test
    void anExpiryCountsWithItsLagAfterTheDeadline() {
        OrderOutcomes outcomes = outcomes();
        outcomes.expired(Duration.ofMillis(1500));
        outcomes.expired(Duration.ofMillis(-20));
        complete(Status.STATUS_COMMITTED);
        assertThat(count("expired")).isEqualTo(2);
        assertThat(lags).as("a clock a little ahead of the deadline's is no negative lag")
                .containsExactly(Duration.ofMillis(1500), Duration.ZERO);

        outcomes.expired(Duration.ofSeconds(3));
        complete(Status.STATUS_ROLLEDBACK);
        assertThat(lags).hasSize(2);
    }
}
