package it.dev.mall.faults;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The suite's Redis as the servers see it: one node at {@code MALL_REDIS_URL}, or (bin/mall's {@code MALL_REDIS_HA=on})
 * a primary and a replica watched by the Sentinels of {@code MALL_REDIS_SENTINELS}, which name the current primary.
 * Its nodes are bin/mall's services {@code redis} (the URL's port) and {@code redis-replica}
 * ({@code MALL_REDIS_REPLICA_PORT}), whichever of them is primary at the moment.
 */
final class RedisNodes {

    private final URI url = URI.create(System.getenv().getOrDefault("MALL_REDIS_URL", "redis://127.0.0.1:6396"));
    private final List<HostAndPort> sentinels = Arrays.stream(System.getenv().getOrDefault("MALL_REDIS_SENTINELS", "")
            .split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(HostAndPort::from).toList();
    private final String master = System.getenv().getOrDefault("MALL_REDIS_MASTER", "mall");

    boolean sentineled() {
        return !sentinels.isEmpty();
    }

    /** The primary: as the first Sentinel that answers names it; the URL's node without Sentinels. */
    HostAndPort primary() {
        if (!sentineled()) {
            return new HostAndPort(url.getHost(), url.getPort());
        }
        RuntimeException last = null;
        for (HostAndPort sentinel : sentinels) {
            try (Jedis jedis = new Jedis(sentinel)) {
                List<String> address = jedis.sentinelGetMasterAddrByName(master);
                return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no Sentinel names the primary of " + master, last);
    }

    /** The bin/mall service that runs the node on this port. */
    String serviceOf(HostAndPort node) {
        return node.getPort() == url.getPort() ? "redis" : "redis-replica";
    }

    /** A client of the current primary. */
    Jedis primaryClient() {
        return new Jedis(primary());
    }

    /**
     * Ready for a failover: a quorum of Sentinels agrees and authorises, and they see a replica of the primary with its
     * link up (else a dead primary has nobody to be replaced by).
     */
    boolean failoverReady() {
        try (Jedis jedis = new Jedis(sentinels.get(0))) {
            Object quorum = jedis.sendCommand(redis.clients.jedis.Protocol.Command.SENTINEL, "CKQUORUM", master);
            if (!new String((byte[]) quorum).startsWith("OK")) {
                return false;
            }
            List<Map<String, String>> replicas = jedis.sentinelReplicas(master);
            return replicas.stream().anyMatch(r -> "ok".equals(r.get("master-link-status"))
                    && !r.getOrDefault("flags", "").contains("down"));
        }
    }

    /** The node at this address is a replica whose link to its primary is up (its initial sync done). */
    static boolean inSyncReplica(HostAndPort node) {
        try (Jedis jedis = new Jedis(node)) {
            String info = jedis.info("replication");
            return info.contains("role:slave") && info.contains("master_link_status:up")
                    && !info.contains("master_sync_in_progress:1");
        }
    }

    /** The gate's remaining units of a sale on the current primary, if loaded. */
    Optional<Long> gateRemaining(long saleId) {
        try (Jedis jedis = primaryClient()) {
            return Optional.ofNullable(jedis.hget("mall:flash:{" + saleId + "}", "remaining")).map(Long::parseLong);
        }
    }
}
