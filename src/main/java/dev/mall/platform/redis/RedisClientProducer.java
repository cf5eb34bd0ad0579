package dev.mall.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * The one pooled Redis client of the application, configured by {@code MALL_REDIS_URL}. Redis is never the source of
 * truth here (flash-sale gate, locks, cache), so timeouts are short: a slow Redis must fail fast and let the caller
 * degrade rather than hold a request thread.
 */
@ApplicationScoped
public class RedisClientProducer {

    @Inject
    @ConfigProperty(name = "mall.redis.url", defaultValue = "redis://127.0.0.1:6379")
    String url;

    @Inject
    @ConfigProperty(name = "mall.redis.timeout", defaultValue = "PT0.5S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "mall.redis.pool.size", defaultValue = "64")
    int poolSize;

    // RedisClient has no no-arg constructor, so it cannot be a client proxy: @Singleton (no proxy), not @ApplicationScoped.
    @Produces
    @Singleton
    RedisClient redisClient() {
        URI uri = URI.create(url);
        int millis = Math.toIntExact(timeout.toMillis());
        DefaultJedisClientConfig clientConfig = DefaultJedisClientConfig.builder(uri)
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .clientName("mall")
                .build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        // Waiting for a pooled connection is bounded too, a little longer than one command may take.
        pool.setMaxWait(timeout.multipliedBy(2));
        pool.setTestWhileIdle(true);
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379)
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }

    void close(@Disposes RedisClient client) {
        client.close();
    }
}
