package dev.mall.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** Redis answers PING (within the client's short socket timeout). */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    @Inject
    UnifiedJedis redis;

    @Override
    public HealthCheckResponse call() {
        try {
            String pong = redis.ping();
            return HealthCheckResponse.named("redis").status("PONG".equals(pong)).build();
        } catch (JedisException e) {
            return HealthCheckResponse.named("redis").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
