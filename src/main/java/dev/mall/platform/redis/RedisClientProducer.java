package dev.mall.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one pooled Redis client of the application. Redis is never the source of truth here (flash-sale gate, locks,
 * cache), so timeouts are short: a slow Redis must fail fast and let the caller degrade rather than hold a request
 * thread.
 * <p>
 * Two layouts, one type for every caller ({@link UnifiedJedis}): one Redis at {@code MALL_REDIS_URL}, or — with
 * {@code MALL_REDIS_SENTINELS} (host:port,…) — the primary that those Sentinels name for {@code MALL_REDIS_MASTER}.
 * Then the client asks the Sentinels for the primary at start and listens to their {@code +switch-master}, so after a
 * failover new connections go to the promoted replica; commands caught by the failover fail (and the callers degrade
 * as they do when a single Redis dies). The URL's user, password and database apply to the primary either way.
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

    @Inject
    @ConfigProperty(name = "mall.redis.sentinels")
    Optional<String> sentinels;

    @Inject
    @ConfigProperty(name = "mall.redis.master", defaultValue = "mall")
    String master;

    // UnifiedJedis has no no-arg constructor, so it cannot be a client proxy: @Singleton (no proxy), not @ApplicationScoped.
    @Produces
    @Singleton
    UnifiedJedis redisClient() {
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
        Set<HostAndPort> sentinelNodes = sentinelNodes(sentinels.orElse(""));
        if (sentinelNodes.isEmpty()) {
            return RedisClient.builder()
                    .hostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379)
                    .clientConfig(clientConfig)
                    .poolConfig(pool)
                    .build();
        }
        // Sentinels need no password here (bin/mall's run on loopback); the same short timeouts.
        JedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .clientName("mall-sentinel")
                .build();
        return RedisSentinelClient.builder()
                .masterName(master)
                .sentinels(sentinelNodes)
                .sentinelClientConfig(sentinelConfig)
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }

    /** "h1:26379, h2:26380" → the Sentinels' addresses; blank → none (one Redis at the URL). */
    static Set<HostAndPort> sentinelNodes(String list) {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(spec -> {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0 || colon == spec.length() - 1) {
                throw new IllegalArgumentException("mall.redis.sentinels: '" + spec + "' is not host:port");
            }
            nodes.add(new HostAndPort(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1))));
        });
        return nodes;
    }

    void close(@Disposes UnifiedJedis client) {
        client.close();
    }
}
