package it.dev.mall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.mall.support.Accounts;
import it.dev.mall.support.Broker;
import it.dev.mall.support.Metrics;
import it.dev.mall.support.Shop;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The metrics the Prometheus rules and the Grafana dashboard read (docs/OPERATIONS.md): order outcomes counted when
 * they commit, and the gauges of in-doubt XA branches, the DLQ and the stock audit, each readable (not NaN).
 * Other tests may place orders meanwhile, so counts are compared as "at least"; that a rolled-back attempt counts nothing
 * is OrderOutcomesTest's.
 */
class OperationsMetricsIT {

    private final Shop shop = new Shop();

    private static double orders(String outcome) {
        return Metrics.sum("mall_orders_total", "outcome=\"" + outcome + "\"");
    }

    @Test
    void orderOutcomesAreCountedWhenTheyCommit() {
        double placed = orders("placed");
        double cancelled = orders("cancelled");
        double paid = orders("paid");
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(2);

        long toCancel = Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");
        Shop.as(customer).post("/api/orders/" + toCancel + "/cancel").then().statusCode(200);
        long toPay = Shop.place(customer, Shop.newKey(), sku, 1).then().statusCode(201).extract().jsonPath().getLong("id");
        Shop.pay(customer, toPay, "SUCCESS");
        Shop.awaitStatus(customer, toPay, Duration.ofSeconds(60), "PAID");

        assertThat(orders("placed")).isGreaterThanOrEqualTo(placed + 2);
        assertThat(orders("cancelled")).isGreaterThanOrEqualTo(cancelled + 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(orders("paid")).as("counted once the MDB's transaction commits").isGreaterThanOrEqualTo(paid + 1));
    }

    @Test
    void theGaugesReadTheirSources() {
        for (String gauge : new String[] {"mall_xa_in_doubt_branches", "mall_xa_in_doubt_oldest_seconds",
                "mall_jms_dlq_messages", "mall_stock_audit_skus_off", "mall_stock_audit_drift_units"}) {
            assertThat(Metrics.sum(gauge, "")).as(gauge).isNotNaN().isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aMessageInTheDeadLetterQueueShowsInItsGauge() {
        String marker = "ops-" + UUID.randomUUID();
        try (ActiveMQConnectionFactory factory = Broker.connectionFactory();
             JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            double before = Metrics.sum("mall_jms_dlq_messages", "");
            context.createProducer().setProperty("opsMarker", marker).send(context.createQueue("DLQ"), "dead letter");
            try {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(Metrics.sum("mall_jms_dlq_messages", "")).isGreaterThanOrEqualTo(before + 1));
            } finally {
                try (JMSConsumer mine = context.createConsumer(context.createQueue("DLQ"), "opsMarker = '" + marker + "'")) {
                    assertThat(mine.receive(10_000)).as("the test's own dead letter, taken away again").isNotNull();
                }
            }
        }
    }
}
