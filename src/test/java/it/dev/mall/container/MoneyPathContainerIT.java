package it.dev.mall.container;

import static it.dev.mall.container.Fixtures.INVENTORY;
import static it.dev.mall.container.Fixtures.ORDERS;
import static it.dev.mall.container.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.inventory.boundary.ReservationRetry;
import dev.mall.inventory.control.StockReservations;
import dev.mall.ordering.control.PlaceOrder;
import dev.mall.ordering.control.ReservationExpiryMessages;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.problem.ProblemCatalogue;
import it.dev.mall.support.Configured;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.hibernate.StaleStateException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only the container shows, deterministically, on the shop's own beans inside a Liberty server (Arquillian): a
 * version conflict between two transactions and the placing code's answer to it (a new transaction; 409
 * stock-contention after the last attempt); one XA transaction over both databases and the broker, committed and
 * rolled back; the payment queue's redelivery after a failed delivery and its dead-letter queue after the last one; a
 * duplicate delivery applied once through the processed-message table. See the package comment for what the
 * deployment adds to the shop, and docs/TESTING.md "In-container tests".
 * <p>
 * Runs in failsafe's in-container execution only (after the test server has stopped: the shop here is the only
 * consumer of the queues), which sets mall.in-container, as does the server's JVM (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "mall.in-container", matches = "true",
        disabledReason = "runs in failsafe's in-container execution, after the test server has stopped")
class MoneyPathContainerIT {

    @Deployment
    static WebArchive deployment() {
        return MallDeployment.shopWithTests();
    }

    @Inject
    PlaceOrder placeOrder;

    @Inject
    ReservationRetry retry;

    @Inject
    StockReservations stock;

    @Inject
    ReservationExpiryMessages expiryMessages;

    @Inject
    StockConflicts conflicts;

    @Inject
    ObservedPaidOrders paidOrders;

    @Inject
    Fixtures fixtures;

    @Inject
    MetricRegistry metrics;

    @Inject
    UserTransaction transaction;

    // ---- @Version conflicts --------------------------------------------------------------------------------------

    @Test
    void aVersionConflictRollsTheAttemptBackAndANewTransactionPlacesTheOrder() {
        long sku = fixtures.newSku(5);
        long customer = Fixtures.newCustomerId();
        String key = "conflict-" + UUID.randomUUID();
        long retriesBefore = counter("mall.stock.optimistic.retries");
        conflicts.arm(sku, 1);

        PlaceOrder.Placement placement = placeOrder.place(customer, key, Fixtures.request(sku, 2));

        assertThat(placement.created()).isTrue();
        List<StockConflicts.Attempt> attempts = conflicts.attempts(sku);
        assertThat(attempts).as("two attempts, two transactions").hasSize(2);
        assertThat(attempts.get(0).forced()).isTrue();
        assertThat(versionConflict(attempts.get(0).failure()))
                .as("the first attempt lost on @Version: %s", attempts.get(0).failure()).isTrue();
        assertThat(attempts.get(1).forced()).isFalse();
        assertThat(attempts.get(1).failure()).as("the second attempt reserved").isNull();
        assertThat(counter("mall.stock.optimistic.retries")).isEqualTo(retriesBefore + 1);

        // Both writers' changes are there, neither lost: the administrator's unit and the order's two.
        assertThat(fixtures.stock(sku)).containsExactly(6, 2);
        assertThat(fixtures.count(ORDERS, "select count(*) from customer_order where customer_id = ?"
                + " and idempotency_key = ?", customer, key)).isEqualTo(1);
        assertThat(fixtures.count(INVENTORY, "select count(*) from reservation where sku_id = ?", sku))
                .as("the first attempt's reservation rolled back with it").isEqualTo(1);
        assertThat(fixtures.count(INVENTORY, "select count(*) from reservation where sku_id = ? and order_id = ?",
                sku, placement.order().id())).isEqualTo(1);
    }

    @Test
    void aVersionConflictOnEveryAttemptIs409StockContentionAndChangesNothing() {
        long sku = fixtures.newSku(5);
        long customer = Fixtures.newCustomerId();
        String key = "contention-" + UUID.randomUUID();
        int attempts = retry.maxAttempts();
        long retriesBefore = counter("mall.stock.optimistic.retries");
        long refusalsBefore = counter("mall.stock.contention.refusals");
        conflicts.arm(sku, attempts);

        assertThatThrownBy(() -> placeOrder.place(customer, key, Fixtures.request(sku, 2)))
                .isInstanceOfSatisfying(Refusal.class, refused -> {
                    assertThat(ProblemCatalogue.problemOf(refused).status()).isEqualTo(409);
                    assertThat(ProblemCatalogue.problemOf(refused).type().toString()).endsWith("/stock-contention");
                });

        assertThat(conflicts.attempts(sku)).as("every attempt the configuration allows, each lost on @Version")
                .hasSize(attempts)
                .allSatisfy(attempt -> assertThat(attempt.forced() && versionConflict(attempt.failure()))
                        .as("%s", attempt).isTrue());
        assertThat(counter("mall.stock.optimistic.retries")).isEqualTo(retriesBefore + attempts - 1);
        assertThat(counter("mall.stock.contention.refusals")).isEqualTo(refusalsBefore + 1);
        // Every attempt rolled back whole: no order, no reservation; the administrator's units all committed.
        assertThat(fixtures.count(ORDERS, "select count(*) from customer_order where customer_id = ?", customer))
                .isZero();
        assertThat(fixtures.count(INVENTORY, "select count(*) from reservation where sku_id = ?", sku)).isZero();
        assertThat(fixtures.stock(sku)).containsExactly(5 + attempts, 0);
    }

    private static boolean versionConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** The shop's counter as registered (looked up, not registered again: that would need its metadata). */
    private long counter(String name) {
        Counter counter = metrics.getCounter(new MetricID(name));
        return counter == null ? 0 : counter.getCount();
    }

    // ---- one transaction, three resources ------------------------------------------------------------------------

    /**
     * An order row (orders database), its reservation (inventory database) and its ReservationExpiry message
     * (broker) in one transaction, seen written while it is open, then rolled back: neither database has anything, the
     * stock is as it was, and the message is never delivered — a message committed after it, on the same queue, is
     * delivered and applied, and by then the rolled-back one would have been too.
     */
    @Test
    void aTransactionRolledBackAfterWritingBothDatabasesAndSendingLeavesNothingInAny() throws Exception {
        long sku = fixtures.newSku(4);
        long customer = Fixtures.newCustomerId();

        transaction.begin();
        long order;
        try {
            order = fixtures.insertOrder(customer, sku, 3, Instant.now());
            stock.reserve(order, Map.of(sku, 3));
            expiryMessages.schedule(order, Duration.ZERO);
            assertThat(fixtures.countIncludingUncommitted(ORDERS,
                    "select count(*) from customer_order where id = ?", order)).as("order written").isEqualTo(1);
            assertThat(fixtures.countIncludingUncommitted(INVENTORY,
                    "select count(*) from reservation where order_id = ?", order)).as("reservation written")
                    .isEqualTo(1);
            assertThat(fixtures.countIncludingUncommitted(INVENTORY,
                    "select sum(reserved) from stock where sku_id = ?", sku)).as("units held").isEqualTo(3);
        } finally {
            transaction.rollback();
        }

        assertThat(fixtures.countIncludingUncommitted(ORDERS, "select count(*) from customer_order where id = ?",
                order)).isZero();
        assertThat(fixtures.countIncludingUncommitted(ORDERS, "select count(*) from order_line where order_id = ?",
                order)).isZero();
        assertThat(fixtures.countIncludingUncommitted(INVENTORY, "select count(*) from reservation where order_id = ?",
                order)).isZero();
        assertThat(fixtures.stock(sku)).containsExactly(4, 0);

        long control = commitOrderWithItsMessage(customer, sku, 1, Duration.ZERO);
        await("the control message delivered", Duration.ofMinutes(1),
                () -> !DeliveryLog.matching(DeliveryLog.ofOrder("ReservationExpiryListener", control)).isEmpty());
        await("the control order expired by its message", Duration.ofSeconds(30), () -> fixtures.count(ORDERS,
                "select count(*) from customer_order where id = ? and status = 'EXPIRED'", control) == 1);
        // The control message, sent after the rolled-back one with the same delay, has been delivered; the rolled-back
        // one must not follow it.
        Fixtures.holdsFor("the rolled-back message never delivered", Duration.ofSeconds(2),
                () -> DeliveryLog.matching(DeliveryLog.ofOrder("ReservationExpiryListener", order)).isEmpty());
        assertThat(fixtures.stock(sku)).containsExactly(4, 0);
    }

    /**
     * The same three writes committed: both databases have them, and the message — sent with a delay — is delivered
     * not before the delay, and applied in the message-driven bean's own transaction (the order expires, its units go
     * back, the message id is noted).
     */
    @Test
    void aCommittedTransactionIsInBothDatabasesAndItsDelayedMessageArrivesNotBeforeItsDelay() throws Exception {
        long sku = fixtures.newSku(4);
        Duration delay = Duration.ofSeconds(3);
        Instant sent = Instant.now();
        long order = commitOrderWithItsMessage(Fixtures.newCustomerId(), sku, 2, delay);

        assertThat(fixtures.count(ORDERS, "select count(*) from customer_order where id = ?", order)).isEqualTo(1);
        assertThat(fixtures.count(INVENTORY, "select count(*) from reservation where order_id = ? and status ="
                + " 'RESERVED'", order)).isEqualTo(1);
        assertThat(fixtures.stock(sku)).containsExactly(4, 2);

        await("the delayed message delivered", delay.plusMinutes(1),
                () -> !DeliveryLog.matching(DeliveryLog.ofOrder("ReservationExpiryListener", order)).isEmpty());
        DeliveryLog.Delivery delivery = DeliveryLog.matching(DeliveryLog.ofOrder("ReservationExpiryListener", order))
                .get(0);
        assertThat(Duration.between(sent, delivery.at())).as("not before its delay").isGreaterThanOrEqualTo(delay);
        assertThat(delivery.failed()).isFalse();
        await("the order expired by its message", Duration.ofSeconds(30), () -> fixtures.count(ORDERS,
                "select count(*) from customer_order where id = ? and status = 'EXPIRED'", order) == 1);
        assertThat(fixtures.stock(sku)).containsExactly(4, 0);
        assertThat(fixtures.count(ORDERS, "select count(*) from processed_message where consumer ="
                + " 'reservation-expiry' and message_id = ?", delivery.messageId())).isEqualTo(1);
    }

    private long commitOrderWithItsMessage(long customer, long sku, int quantity, Duration delay) throws Exception {
        transaction.begin();
        try {
            long order = fixtures.insertOrder(customer, sku, quantity, Instant.now().plus(delay));
            stock.reserve(order, Map.of(sku, quantity));
            expiryMessages.schedule(order, delay);
            transaction.commit();
            return order;
        } catch (Exception | Error e) {
            transaction.rollback();
            throw e;
        }
    }

    // ---- the payment queue -----------------------------------------------------------------------------------------

    /**
     * PaymentSucceeded whose first two applications fail: each failed delivery rolls back (the processed-message note
     * with it), the broker delivers again after its redelivery delay, and the third applies it: the order PAID once,
     * its units sold once.
     */
    @Test
    void aPaymentWhoseDeliveryFailsIsDeliveredAgainAndAppliedOnce() {
        long sku = fixtures.newSku(5);
        PlaceOrder.Placement placement = placeOrder.place(Fixtures.newCustomerId(), "redelivery-" + UUID.randomUUID(),
                Fixtures.request(sku, 2));
        long order = placement.order().id();
        long payment = newPaymentId();
        String run = "redelivery-" + UUID.randomUUID();
        paidOrders.failFirst(payment, 2);

        fixtures.sendPaymentSucceeded(payment, order, run);

        Configured.Redelivery policy = Configured.redelivery();
        await("the order paid by the third delivery", policy.delaysBeforeDeadLetter().plusMinutes(1),
                () -> fixtures.count(ORDERS, "select count(*) from customer_order where id = ? and status = 'PAID'"
                        + " and payment_id = ?", order, payment) == 1);
        List<DeliveryLog.Delivery> deliveries = DeliveryLog.matching(DeliveryLog.ofTestRun(run));
        assertThat(deliveries).extracting(DeliveryLog.Delivery::deliveryCount).containsExactly(1, 2, 3);
        assertThat(deliveries).extracting(DeliveryLog.Delivery::failed).containsExactly(true, true, false);
        assertThat(deliveries).extracting(DeliveryLog.Delivery::messageId).containsOnly(deliveries.get(0).messageId());
        assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at()))
                .as("redelivered after the configured delay").isGreaterThanOrEqualTo(policy.delay());
        assertThat(Duration.between(deliveries.get(1).at(), deliveries.get(2).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis((long) (policy.delay().toMillis() * policy.multiplier())));
        assertThat(paidOrders.applications(payment)).isEqualTo(3);
        assertThat(fixtures.count(ORDERS, "select count(*) from processed_message where consumer = 'payment-succeeded'"
                + " and message_id = ?", deliveries.get(0).messageId())).isEqualTo(1);
        assertThat(fixtures.stock(sku)).as("two units sold, none held").containsExactly(3, 0);
        assertThat(fixtures.count(INVENTORY, "select count(*) from reservation where order_id = ? and status ="
                + " 'CONFIRMED'", order)).isEqualTo(1);
    }

    /**
     * PaymentSucceeded naming an order that does not exist cannot be applied: after the configured number of
     * deliveries, each rolled back, it is in the dead-letter queue, and nothing of it is anywhere else.
     */
    @Test
    void aPaymentThatCannotBeAppliedEndsInTheDeadLetterQueueAfterTheConfiguredDeliveries() throws Exception {
        long payment = newPaymentId();
        long noSuchOrder = Long.MAX_VALUE - ThreadLocalRandom.current().nextLong(1_000_000);
        String run = "dead-letter-" + UUID.randomUUID();
        Configured.Redelivery policy = Configured.redelivery();

        fixtures.sendPaymentSucceeded(payment, noSuchOrder, run);

        String from = DuplicateSender.takeDeadLetter(run,
                policy.delaysBeforeDeadLetter().plusMinutes(1).toMillis());
        assertThat(from).as("in DLQ, from the payment queue").isEqualTo("mall.payment-succeeded");
        List<DeliveryLog.Delivery> deliveries = DeliveryLog.matching(DeliveryLog.ofTestRun(run));
        assertThat(deliveries).as("one delivery per configured attempt, each rolled back")
                .hasSize(policy.maxDeliveryAttempts()).allMatch(DeliveryLog.Delivery::failed);
        assertThat(deliveries).extracting(DeliveryLog.Delivery::deliveryCount)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, policy.maxDeliveryAttempts())
                        .boxed().toList());
        assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(deliveries.size() - 1).at()))
                .as("not sooner than the configured delays").isGreaterThanOrEqualTo(policy.delaysBeforeDeadLetter());
        assertThat(fixtures.count(ORDERS, "select count(*) from processed_message where consumer = 'payment-succeeded'"
                + " and message_id = ?", deliveries.get(0).messageId())).as("each delivery's note rolled back")
                .isZero();
        assertThat(fixtures.count(ORDERS, "select count(*) from customer_order where payment_id = ?", payment))
                .isZero();
    }

    /**
     * The same message (one JMSMessageID) delivered twice: both deliveries succeed, the second is recognised in the
     * processed-message table and changes nothing — the payment is applied once, the units sold once.
     */
    @Test
    void aDuplicateDeliveryIsAppliedOnce() throws Exception {
        long sku = fixtures.newSku(5);
        PlaceOrder.Placement placement = placeOrder.place(Fixtures.newCustomerId(), "duplicate-" + UUID.randomUUID(),
                Fixtures.request(sku, 2));
        long order = placement.order().id();
        long payment = newPaymentId();
        String run = "duplicate-" + UUID.randomUUID();

        String messageId = DuplicateSender.sendTwice(payment, order, run);

        await("both copies delivered", Duration.ofMinutes(1),
                () -> DeliveryLog.matching(DeliveryLog.ofTestRun(run)).size() >= 2);
        List<DeliveryLog.Delivery> deliveries = DeliveryLog.matching(DeliveryLog.ofTestRun(run));
        assertThat(deliveries).hasSize(2).allSatisfy(delivery -> {
            assertThat(delivery.messageId()).isEqualTo(messageId);
            assertThat(delivery.failed()).as("%s", delivery).isFalse();
        });
        assertThat(paidOrders.applications(payment)).as("applied by one delivery only").isEqualTo(1);
        assertThat(fixtures.count(ORDERS, "select count(*) from processed_message where consumer = 'payment-succeeded'"
                + " and message_id = ?", messageId)).isEqualTo(1);
        assertThat(fixtures.count(ORDERS, "select count(*) from customer_order where id = ? and status = 'PAID'"
                + " and payment_id = ?", order, payment)).isEqualTo(1);
        assertThat(fixtures.stock(sku)).as("two units sold once").containsExactly(3, 0);
    }

    private static long newPaymentId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L);
    }
}
