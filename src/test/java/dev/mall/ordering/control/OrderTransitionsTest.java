package dev.mall.ordering.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.problem.ProblemCatalogue;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The one template of every order change: lock, 404, change, flush, publish, answer — in that order. */
class OrderTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final long orderId = ThreadLocalRandom.current().nextLong(1, 1_000_000);
    private final List<String> steps = new ArrayList<>();

    private OrderTransition recording(boolean changes) {
        return new OrderTransition() {
            @Override
            public boolean change(CustomerOrder order, Instant now) {
                steps.add("change at " + now);
                if (changes) {
                    order.cancel(now);
                }
                return changes;
            }

            @Override
            public void publish(CustomerOrder order, Instant now) {
                steps.add("publish " + order.status());
            }
        };
    }

    @Test
    void locksChangesFlushesPublishesAndAnswersInThatOrder() {
        CustomerOrder order = Fakes.order(orderId, NOW);
        Fakes.OneEntity database = new Fakes.OneEntity(order);
        String answer = Fakes.transitions(database, NOW).apply(Target.own(42, orderId), recording(true), changed -> {
            steps.add("answer after " + database.flushes + " flush");
            return changed.status().name();
        });
        assertThat(answer).isEqualTo("CANCELLED");
        assertThat(database.locks).containsExactly(LockModeType.PESSIMISTIC_WRITE);
        assertThat(steps).containsExactly("change at " + NOW, "publish CANCELLED", "answer after 1 flush");
    }

    @Test
    void anUnchangedOrderIsNeitherFlushedNorPublished() {
        CustomerOrder order = Fakes.order(orderId, NOW);
        Fakes.OneEntity database = new Fakes.OneEntity(order);
        assertThat(Fakes.transitions(database, NOW).applyIfPresent(Target.any(orderId), recording(false)))
                .hasValueSatisfying(done -> assertThat(done.changed()).isFalse());
        assertThat(database.flushes).isZero();
        assertThat(steps).containsExactly("change at " + NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    }

    @Test
    void anotherCustomersOrderIsTheSame404AsNone() {
        Fakes.OneEntity someone = new Fakes.OneEntity(Fakes.order(orderId, NOW));
        assertThatThrownBy(() -> Fakes.transitions(someone, NOW).apply(Target.own(43, orderId), recording(true),
                order -> order)).isInstanceOfSatisfying(Refusal.class,
                        e -> assertThat(ProblemCatalogue.problemOf(e).status()).isEqualTo(404));
        assertThatThrownBy(() -> Fakes.transitions(new Fakes.OneEntity(null), NOW).apply(Target.any(orderId),
                recording(true), order -> order)).isInstanceOfSatisfying(Refusal.class,
                        e -> assertThat(ProblemCatalogue.problemOf(e).status()).isEqualTo(404));
        assertThat(steps).as("nothing was changed or published").isEmpty();
    }

    @Test
    void aRefusedChangePublishesNothing() {
        CustomerOrder paid = Fakes.order(orderId, NOW);
        paid.markPaid(17, NOW);
        Fakes.OneEntity database = new Fakes.OneEntity(paid);
        assertThatThrownBy(() -> Fakes.transitions(database, NOW).apply(Target.any(orderId), recording(true),
                order -> order)).isInstanceOfSatisfying(Refusal.class,
                        e -> assertThat(ProblemCatalogue.problemOf(e).status()).isEqualTo(409));
        assertThat(steps).containsExactly("change at " + NOW);
        assertThat(database.flushes).isZero();
    }
}
