package dev.mall.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The Artemis broker accepts connections and the resource adapter can open a JMS context on it. The plain TCP probe
 * comes first so that a stopped broker answers DOWN at once instead of waiting on the adapter's connect timeout.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    @Resource(lookup = "jms/mall")
    ConnectionFactory connectionFactory;

    @Inject
    @ConfigProperty(name = "mall.broker.host", defaultValue = "127.0.0.1")
    String host;

    @Inject
    @ConfigProperty(name = "mall.broker.port", defaultValue = "61616")
    int port;

    @Override
    public HealthCheckResponse call() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            return down("unreachable at " + host + ":" + port);
        }
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer();
            return HealthCheckResponse.named("broker").up().build();
        } catch (JMSRuntimeException e) {
            return down(e.getClass().getSimpleName());
        }
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.named("broker").down().withData("error", why).build();
    }
}
