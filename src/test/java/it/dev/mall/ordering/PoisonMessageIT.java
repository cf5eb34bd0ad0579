package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import it.dev.mall.support.Broker;
import it.dev.mall.support.Configured;
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
 * with backoff, and after the configured attempts (etc/artemis/broker.xml) the message lands in DLQ.
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

            // The broker's policy (etc/artemis/broker.xml) says how long the failed attempts take at least; the wait
            // allows that plus a generous minute for the attempts themselves on a busy machine.
            Duration soonest = Configured.redelivery().delaysBeforeDeadLetter();
            try (JMSConsumer dlq = context.createConsumer(context.createQueue("DLQ"), "poisonId = '" + poison + "'")) {
                Message dead = dlq.receive(soonest.plusMinutes(1).toMillis());
                assertThat(dead).as("poisoned message in DLQ").isNotNull();
                assertThat(dead.getStringProperty("_AMQ_ORIG_QUEUE")).isEqualTo("mall.reservation-expiry");
                assertThat(Duration.between(sent, Instant.now())).as("not in the DLQ before the redelivery delays")
                        .isGreaterThanOrEqualTo(soonest);
            }
        }
    }
}
