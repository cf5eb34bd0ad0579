package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Broker;
import it.dev.mall.support.Metrics;
import it.dev.mall.support.Shop;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import jakarta.jms.JMSContext;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failure at any point of placing an order rolls back all three resources: no order row, no reservation, no
 * ReservationExpiry message. The message is checked through the listener's orphan counter: a ReservationExpiry whose
 * order does not exist would be counted there when its (short) delay ends; a control order placed at the same time
 * proves that messages of that age have been delivered by then.
 */
class FailurePointsIT {

    private static final String ORPHANS = "mall_reservation_expiry_orphans_total";

    private final Shop shop = new Shop();

    @ParameterizedTest
    @ValueSource(strings = {"after-order-insert", "after-reservation", "after-send"})
    void aFailureRollsBackTheOrderTheReservationAndTheMessage(String point) {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(5);
        double orphansBefore = Metrics.counter(ORPHANS);

        String key = Shop.newKey();
        Response failed = Shop.place(Shop.as(customer).header("X-Mall-Fault", point)
                .header("X-Mall-Reservation-Timeout", "PT1S"), key, sku, 2);
        assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(500);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.asString()).doesNotContain("Exception").doesNotContain("fault");

        Response control = Shop.place(Shop.as(customer).header("X-Mall-Reservation-Timeout", "PT1S"),
                Shop.newKey(), sku, 1);
        assertThat(control.statusCode()).as(control.asString()).isEqualTo(201);
        Shop.awaitStatus(customer, control.jsonPath().getLong("id"), Duration.ofSeconds(30), "EXPIRED");

        assertThat(Shop.as(customer).get("/api/orders").jsonPath().getList("items.id"))
                .as("the customer's orders").hasSize(1);
        var audit = shop.awaitCleanAudit(sku);
        Map<String, Object> line = Shop.skuLine(audit, sku);
        assertThat(line).containsEntry("onHand", 5).containsEntry("reserved", 0);
        assertThat(audit.getInt("ordersChecked")).as("orders holding or having held this SKU").isEqualTo(1);
        assertThat(Metrics.counter(ORPHANS))
                .as("ReservationExpiry messages for orders that do not exist").isEqualTo(orphansBefore);

        Response retried = Shop.place(customer, key, sku, 2);
        assertThat(retried.statusCode()).as("the same key after a rolled-back attempt places the order").isEqualTo(201);
    }

    /**
     * The check above reads an unchanged orphan counter, which would also pass if the counter were never counted (a
     * wrong name reads 0): a ReservationExpiry for an order that does not exist, sent straight to the queue, must move
     * it by one.
     */
    @Test
    void anExpiryForAnOrderThatDoesNotExistIsCountedAsAnOrphan() throws Exception {
        double orphansBefore = Metrics.counter(ORPHANS);
        long noSuchOrder = Long.MAX_VALUE - ThreadLocalRandom.current().nextLong(1_000_000_000L);
        try (ActiveMQConnectionFactory factory = Broker.connectionFactory();
             JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            context.createProducer().setJMSType("ReservationExpiry").setProperty("orderId", noSuchOrder)
                    .send(context.createQueue("mall.reservation-expiry"), "");
        }
        await("the orphan counted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> Metrics.counter(ORPHANS), count -> count == orphansBefore + 1);
    }
}
