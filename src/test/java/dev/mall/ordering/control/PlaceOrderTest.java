package dev.mall.ordering.control;

import dev.mall.ordering.boundary.OrderRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.inventory.boundary.ReservationRetry;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.problem.ProblemCatalogue;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How PlaceOrder tells a lost optimistic-lock race (retry in a fresh transaction, then 409 stock-contention) from a
 * concurrent request with the same key (answer its order) and from anything else (propagate). Each attempt is played
 * by a stand-in {@link OrderPlacement} that fails as told.
 */
class PlaceOrderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final OrderRequest REQUEST = OrderRequest.of(List.of(Map.entry(7L, 2)));

    private final Deque<Supplier<CustomerOrder>> attempts = new ArrayDeque<>();
    private final AtomicInteger attempted = new AtomicInteger();
    private Optional<CustomerOrder> byKey = Optional.empty();
    private final PlaceOrder placeOrder = new PlaceOrder();
    private final Fakes.CountingCounter retries = new Fakes.CountingCounter();
    private final Fakes.CountingCounter refusals = new Fakes.CountingCounter();

    @BeforeEach
    void wire() {
        placeOrder.placement = new OrderPlacement() {
            @Override
            public CustomerOrder attempt(long customerId, String key, OrderRequest request, Instant now,
                                         Duration timeout) {
                attempted.incrementAndGet();
                return attempts.pop().get();
            }
        };
        placeOrder.queries = new OrderQueries() {
            @Override
            public Optional<CustomerOrder> byIdempotencyKey(long customerId, String key) {
                return byKey;
            }
        };
        placeOrder.retry = new ReservationRetry(3, Duration.ZERO, Duration.ZERO);
        placeOrder.policy = new ReservationPolicy() {
            @Override
            public Duration timeout() {
                return Duration.ofMinutes(15);
            }
        };
        placeOrder.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        placeOrder.optimisticRetries = retries;
        placeOrder.contentionRefusals = refusals;
    }

    private static CustomerOrder order(String fingerprint) {
        return new CustomerOrder("M1", 1, "key", fingerprint, NOW, NOW.plusSeconds(900));
    }

    private static Supplier<CustomerOrder> fails(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    @Test
    void anOptimisticConflictIsRetriedInAFreshAttempt() {
        CustomerOrder placed = order(REQUEST.fingerprint());
        attempts.add(fails(new PersistenceException(new OptimisticLockException("stock row changed"))));
        attempts.add(fails(new RuntimeException(new StaleObjectStateException("Stock", 7L))));
        attempts.add(() -> placed);

        PlaceOrder.Placement placement = placeOrder.place(1, "key", REQUEST);

        assertThat(placement.order()).isSameAs(placed);
        assertThat(placement.created()).isTrue();
        assertThat(attempted).hasValue(3);
        assertThat(retries.getCount()).isEqualTo(2);
        assertThat(refusals.getCount()).isZero();
    }

    @Test
    void afterTheLastAttemptAConflictIs409StockContention() {
        for (int i = 0; i < 3; i++) {
            attempts.add(fails(new OptimisticLockException()));
        }
        assertThatThrownBy(() -> placeOrder.place(1, "key", REQUEST)).isInstanceOfSatisfying(Refusal.class,
                e -> {
                    assertThat(ProblemCatalogue.problemOf(e).status()).isEqualTo(409);
                    assertThat(ProblemCatalogue.problemOf(e).type().toString()).endsWith("stock-contention");
                });
        assertThat(attempted).as("no attempt beyond the configured ones").hasValue(3);
        assertThat(refusals.getCount()).isEqualTo(1);
        assertThat(retries.getCount()).isEqualTo(2);
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        IllegalStateException broken = new IllegalStateException("database away");
        attempts.add(fails(broken));
        attempts.add(() -> order(REQUEST.fingerprint()));
        assertThatThrownBy(() -> placeOrder.place(1, "key", REQUEST)).isSameAs(broken);
        assertThat(attempted).hasValue(1);
        assertThat(retries.getCount()).isZero();
    }

    @Test
    void aConcurrentRequestWithTheSameKeyIsAnsweredWithItsOrder() {
        CustomerOrder winner = order(REQUEST.fingerprint());
        attempts.add(() -> {
            byKey = Optional.of(winner);
            throw new PersistenceException(new SQLIntegrityConstraintViolationException(
                    "Duplicate entry '1-key' for key 'uk_order_idempotency'", "23000", 1062));
        });
        PlaceOrder.Placement placement = placeOrder.place(1, "key", REQUEST);
        assertThat(placement.order()).isSameAs(winner);
        assertThat(placement.created()).isFalse();
        assertThat(attempted).hasValue(1);
    }

    @Test
    void aKeySeenBeforeReplaysItsOrderWithoutAnAttempt() {
        CustomerOrder earlier = order(REQUEST.fingerprint());
        byKey = Optional.of(earlier);
        assertThat(placeOrder.place(1, "key", REQUEST)).isEqualTo(new PlaceOrder.Placement(earlier, false));
        assertThat(attempted).hasValue(0);
    }

    @Test
    void aKeyReusedForAnotherRequestIs422() {
        byKey = Optional.of(order(OrderRequest.of(List.of(Map.entry(8L, 1))).fingerprint()));
        assertThatThrownBy(() -> placeOrder.place(1, "key", REQUEST)).isInstanceOfSatisfying(Refusal.class,
                e -> assertThat(ProblemCatalogue.problemOf(e).status()).isEqualTo(422));
        assertThat(attempted).hasValue(0);
    }
}
