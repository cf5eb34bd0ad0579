package dev.mall.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A lease for cluster-wide singleton work (one server at a time): {@code SET key token NX PX ttl} to take it, a
 * compare-and-delete script to give it back. The lease expires by itself if its holder dies, so the ttl must exceed
 * the work it guards; a holder that overruns loses it and must not assume exclusivity afterwards.
 */
@ApplicationScoped
public class RedisLock {

    @Inject
    UnifiedJedis redis;

    @Inject
    RedisScripts scripts;

    /** The token of the taken lease, or empty if another holder has it. */
    public Optional<String> tryAcquire(String key, Duration ttl) {
        String token = UUID.randomUUID().toString();
        String answer = redis.set(key, token, SetParams.setParams().nx().px(ttl.toMillis()));
        return "OK".equals(answer) ? Optional.of(token) : Optional.empty();
    }

    public void release(String key, String token) {
        scripts.run("lock-release", List.of(key), List.of(token));
    }
}
