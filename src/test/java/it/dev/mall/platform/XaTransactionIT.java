package it.dev.mall.platform;

import static it.dev.mall.support.Databases.INVENTORY;
import static it.dev.mall.support.Databases.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.mall.support.Databases;
import it.dev.mall.support.Probe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One JTA transaction across the orders database, the inventory database and the Artemis queue, driven through the
 * probe application on the real test server and observed over plain JDBC.
 */
class XaTransactionIT {

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
        await("delivery recorded by the MDB in both databases").atMost(Duration.ofSeconds(30))
                .until(() -> Databases.ids(ORDERS, "probe_delivery", id).contains(id)
                        && Databases.ids(INVENTORY, "probe_delivery", id).contains(id));
    }

    @Test
    void failureAfterAllThreeWritesLeavesNothingAndNoMessageIsEverDelivered() throws Exception {
        assertThat(Probe.transaction(id, 0, 0, true)).isEqualTo(409);

        assertThat(Databases.ids(ORDERS, "probe_write", id)).isEmpty();
        assertThat(Databases.ids(INVENTORY, "probe_write", id)).isEmpty();
        // An undelivered message cannot be proven absent at one instant: watch for a while that nothing arrives.
        await("no delivery").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> Databases.ids(ORDERS, "probe_delivery", id).isEmpty()
                        && Databases.ids(INVENTORY, "probe_delivery", id).isEmpty());
    }

    @Test
    void delayedMessageArrivesNotBeforeItsDelayAndSoonAfter() throws Exception {
        long delayMillis = 3000;
        assertThat(Probe.transaction(id, delayMillis, 0, false)).isEqualTo(204);

        await("delayed delivery").atMost(Duration.ofSeconds(30))
                .until(() -> Databases.ids(ORDERS, "probe_delivery", id).contains(id)
                        && Databases.ids(INVENTORY, "probe_delivery", id).contains(id));
        for (String database : new String[] {ORDERS, INVENTORY}) {
            long latency = deliveryLatencyMillis(database);
            assertThat(latency).as("delivery latency in %s", database).isBetween(delayMillis, delayMillis + 3000);
        }
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
