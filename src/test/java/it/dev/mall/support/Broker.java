package it.dev.mall.support;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A JMS client of the test server's broker, as an observer beside the server (bin/mall exported MALL_BROKER_*). */
public final class Broker {

    private Broker() {
    }

    public static ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(System.getenv().getOrDefault("MALL_BROKER_URL", "tcp://127.0.0.1:61616"),
                System.getenv().getOrDefault("MALL_BROKER_USER", "mall"), System.getenv("MALL_BROKER_PASSWORD"));
    }
}
