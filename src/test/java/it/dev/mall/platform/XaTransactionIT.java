package it.dev.mall.platform;

import static it.dev.mall.support.Databases.INVENTORY;
import static it.dev.mall.support.Databases.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.mall.support.Databases;
import it.dev.mall.support.Probe;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One JTA transaction across the orders database, the inventory database and the Artemis queue, driven through the
 * probe application on the real test server and observed over plain JDBC.
 */
class XaTransactionIT {

    /** How long the rolled-back transaction stays open after its writes: the window in which they are observed. */
    private static final Duration HOLD = Duration.ofSeconds(5);

    private final String id = "xa-" + UUID.randomUUID();

    @BeforeAll
    static void probeIsUp() {
        Probe.awaitReady();
    }

    @Test
    void committedTransactionIsVisibleInBothDatabasesAndItsMessageIsDelivered() throws Exception {
        assertThat(Probe.transaction(id, 0, 0, false)).isEqualTo(204);

        assertThat(Databases.ids(ORDERS, "probe_write", id)).containsExactly(id);
        assertThat(Databases.ids(INVENTORY, "probe_write", id)).containsExactly(id);
        awaitDelivered(id, Duration.ofMinutes(1));
    }

    /**
     * The forced failure comes after both inserts and the send (the probe answers 409 only for it, 500 for any earlier
     * failure). While the transaction is held open its rows are seen uncommitted in both databases, so the writes
     * happened; afterwards neither database has them, and a message committed after it is delivered while its own
     * never is.
     */
    @Test
    void failureAfterAllThreeWritesLeavesNothingAndNoMessageIsEverDelivered() throws Exception {
        CompletableFuture<Integer> rolledBack = CompletableFuture.supplyAsync(() -> {
            try {
                return Probe.transaction(id, 0, HOLD.toMillis(), true);
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        // The rows are there, uncommitted, for HOLD; the deadline only bounds how late the request may start.
        await("both uncommitted writes seen while the transaction is open").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Databases.idsIncludingUncommitted(ORDERS, "probe_write", id).contains(id)
                        && Databases.idsIncludingUncommitted(INVENTORY, "probe_write", id).contains(id));
        assertThat(rolledBack.get(1, TimeUnit.MINUTES)).as("rolled back by the failure after the three writes")
                .isEqualTo(409);

        assertThat(Databases.idsIncludingUncommitted(ORDERS, "probe_write", id)).isEmpty();
        assertThat(Databases.idsIncludingUncommitted(INVENTORY, "probe_write", id)).isEmpty();
        // An undelivered message cannot be proven absent at one instant: a message sent after it, on the same queue,
        // is delivered; by then the rolled-back one would have been too, had it been sent.
        String control = id + "-control";
        assertThat(Probe.transaction(control, 0, 0, false)).isEqualTo(204);
        awaitDelivered(control, Duration.ofMinutes(1));
        assertThat(Databases.ids(ORDERS, "probe_delivery", id)).containsExactly(control);
        assertThat(Databases.ids(INVENTORY, "probe_delivery", id)).containsExactly(control);
    }

    /**
     * The broker promises "not before the delay"; how soon after is a latency, measured in bench/, not asserted here.
     */
    @Test
    void delayedMessageArrivesNotBeforeItsDelay() throws Exception {
        long delayMillis = 3000;
        assertThat(Probe.transaction(id, delayMillis, 0, false)).isEqualTo(204);

        awaitDelivered(id, Duration.ofMillis(delayMillis).plusMinutes(1));
        for (String database : new String[] {ORDERS, INVENTORY}) {
            assertThat(deliveryLatencyMillis(database)).as("delivery latency in %s", database)
                    .isGreaterThanOrEqualTo(delayMillis);
        }
    }

    private static void awaitDelivered(String messageId, Duration atMost) {
        await("delivery of " + messageId + " recorded by the MDB in both databases").atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Databases.ids(ORDERS, "probe_delivery", messageId).contains(messageId)
                        && Databases.ids(INVENTORY, "probe_delivery", messageId).contains(messageId));
    }

    private long deliveryLatencyMillis(String database) throws SQLException {
        try (Connection connection = Databases.connect(database);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT receivedAt - sentAt FROM probe_delivery WHERE id = ?")) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getLong(1);
            }
        }
    }
}
