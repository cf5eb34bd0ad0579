package dev.mall.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs the Lua scripts under {@code src/main/resources/redis} by their SHA-1 ({@code EVALSHA}): each script is loaded
 * once, and loaded again when Redis answers NOSCRIPT (it restarted, or its script cache was flushed).
 */
@ApplicationScoped
public class RedisScripts {

    @Inject
    UnifiedJedis redis;

    private final ConcurrentMap<String, String> sources = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> shas = new ConcurrentHashMap<>();

    public Object run(String script, List<String> keys, List<String> args) {
        String sha = shas.computeIfAbsent(script, name -> redis.scriptLoad(source(name)));
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            String reloaded = redis.scriptLoad(source(script));
            shas.put(script, reloaded);
            return redis.evalsha(reloaded, keys, args);
        }
    }

    private String source(String script) {
        return sources.computeIfAbsent(script, name -> {
            try (InputStream in = RedisScripts.class.getResourceAsStream("/redis/" + name + ".lua")) {
                if (in == null) {
                    throw new IllegalStateException("no Redis script " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
