package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import it.dev.mall.support.Broker;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * A message its MDB cannot apply is not caught and logged away: each failed delivery rolls back, the broker redelivers
 * with backoff, and after the configured attempts (etc/artemis/broker.xml: 5) the message lands in DLQ.
 */
class PoisonMessageIT {

    @Test
    void aReservationExpiryWithoutOrderIdEndsInTheDeadLetterQueue() throws Exception {
        String poison = "poison-" + UUID.randomUUID();
        try (ActiveMQConnectionFactory factory = Broker.connectionFactory();
             JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Instant sent = Instant.now();
            context.createProducer().setJMSType("ReservationExpiry").setProperty("poisonId", poison)
                    .send(context.createQueue("mall.reservation-expiry"), "no order id here");

            try (JMSConsumer dlq = context.createConsumer(context.createQueue("DLQ"), "poisonId = '" + poison + "'")) {
                Message dead = dlq.receive(Duration.ofSeconds(90).toMillis());
                assertThat(dead).as("poisoned message in DLQ").isNotNull();
                assertThat(dead.getStringProperty("_AMQ_ORIG_QUEUE")).isEqualTo("mall.reservation-expiry");
                // Redelivery delays 0.5 s, 1 s, 2 s, 4 s between the 5 attempts: it cannot be there sooner.
                assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(7000));
            }
        }
    }
}
