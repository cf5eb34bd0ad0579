package dev.mall.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import it.dev.mall.support.ContinuousIntegration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The Lua scripts of src/main/resources/redis, run by {@link RedisScripts} against a real Redis (the flash-sale gate's
 * decisions are made inside Redis, so a fake would test nothing). Redis: {@code -Dmall.unit.redis.url}, else
 * MALL_REDIS_URL (bin/mall test: the test Redis it started), else redis://127.0.0.1:6379; every test works under a
 * random key prefix of its own and deletes its keys. Without Redis
 * the tests are skipped on a developer's machine and fail under CI=true.
 */
class LuaScriptsTest {

    private static final String URL = System.getProperty("mall.unit.redis.url",
            System.getenv().getOrDefault("MALL_REDIS_URL", "redis://127.0.0.1:6379"));

    private RedisClient redis;
    private RedisScripts scripts;
    private final String prefix = "mall-unit:" + UUID.randomUUID() + ":";
    private final String sale = prefix + "{sale}";
    private final String buyers = prefix + "{sale}:buyers";
    private final String keys = prefix + "{sale}:keys";
    private final String tickets = prefix + "{sale}:tickets";
    private final String channel = prefix + "restocked";

    @BeforeEach
    void connect() {
        URI uri = URI.create(URL);
        redis = RedisClient.builder().hostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379)
                .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(2000)
                        .build())
                .build();
        try {
            redis.ping();
        } catch (JedisConnectionException e) {
            redis.close();
            redis = null;
            if (ContinuousIntegration.active()) {
                throw new IllegalStateException("CI=true: no Redis at " + URL + " for the Lua script tests", e);
            }
            assumeTrue(false, "no Redis at " + URL + " (" + e.getMessage() + "): Lua script tests skipped");
        }
        scripts = new RedisScripts();
        scripts.redis = redis;
    }

    @AfterEach
    void clean() {
        if (redis != null) {
            redis.del(sale, buyers, keys, tickets, prefix + "lock");
            redis.close();
        }
    }

    private void openSale(int remaining, int limit, long starts, long ends) {
        redis.hset(sale, Map.of("remaining", String.valueOf(remaining), "limit", String.valueOf(limit),
                "starts", String.valueOf(starts), "ends", String.valueOf(ends)));
    }

    private long take(String customer, int units, long now) {
        return (Long) take(customer, units, now, "key-" + UUID.randomUUID(), "-/" + units).get(0);
    }

    /** {code, ref}: the gate's answer and, for a replay, what the earlier pass recorded. */
    private List<Object> take(String customer, int units, long now, String key, String ref) {
        return List.copyOf((List<?>) scripts.run("flash-take", List.of(sale, buyers, keys, tickets),
                List.of(customer, String.valueOf(units), String.valueOf(now), key, ref)));
    }

    @Test
    void aRetryOfAKeyThatPassedIsAReplayWithWhatItRecordedAndTakesNothing() {
        openSale(1, 1, 0, Long.MAX_VALUE / 2);
        assertThat(take("7", 1, 1, "k1", "ticket-1/1")).containsExactly(1L, "");
        assertThat(redis.hget(tickets, "ticket-1")).as("the ticket's owner").isEqualTo("7");
        assertThat(take("7", 1, 2, "k1", "ticket-2/1")).as("sold out and over the limit, yet a replay")
                .containsExactly(2L, "ticket-1/1");
        assertThat(take("7", 1, 3, "k2", "-/1")).as("a new key of the same customer").containsExactly(-2L, "");
        assertThat(take("8", 1, 4, "k1", "-/1")).as("another customer's key of the same name").containsExactly(0L, "");
        assertThat(redis.hget(sale, "remaining")).isEqualTo("0");
    }

    @Test
    void aSynchronousSaleRecordsNoTicket() {
        openSale(2, 1, 0, Long.MAX_VALUE / 2);
        assertThat(take("7", 1, 1, "k1", "-/1")).containsExactly(1L, "");
        assertThat(redis.hget(keys, "7:k1")).isEqualTo("-/1");
        assertThat(redis.exists(tickets)).isFalse();
    }

    @Test
    void aPassTakesTheUnitsCountsThemForTheCustomerAndRecordsThePass() {
        openSale(5, 3, 1000, 2000);
        assertThat(take("7", 2, 1500)).isEqualTo(1);
        assertThat(redis.hget(sale, "remaining")).isEqualTo("3");
        assertThat(redis.hget(sale, "lastPass")).isEqualTo("1500");
        assertThat(redis.hget(buyers, "7")).isEqualTo("2");
    }

    @Test
    void outsideTheWindowNothingIsTaken() {
        openSale(5, 3, 1000, 2000);
        assertThat(take("7", 1, 999)).as("before the start").isEqualTo(-1);
        assertThat(take("7", 1, 2000)).as("at the end (exclusive)").isEqualTo(-1);
        assertThat(redis.hget(sale, "remaining")).isEqualTo("5");
        assertThat(redis.exists(buyers)).isFalse();
    }

    @Test
    void theCustomersLimitCountsWhatTheyAlreadyHold() {
        openSale(10, 3, 0, Long.MAX_VALUE / 2);
        assertThat(take("7", 2, 1)).isEqualTo(1);
        assertThat(take("7", 2, 2)).as("2 + 2 over a limit of 3").isEqualTo(-2);
        assertThat(take("8", 3, 3)).as("another customer has a limit of their own").isEqualTo(1);
        assertThat(redis.hget(sale, "remaining")).isEqualTo("5");
        assertThat(redis.hgetAll(buyers)).isEqualTo(Map.of("7", "2", "8", "3"));
    }

    @Test
    void fewerUnitsLeftThanAskedIsSoldOutAndTakesNothing() {
        openSale(1, 5, 0, Long.MAX_VALUE / 2);
        assertThat(take("7", 2, 1)).isEqualTo(0);
        assertThat(redis.hget(sale, "remaining")).isEqualTo("1");
        assertThat(take("7", 1, 2)).as("the last unit").isEqualTo(1);
        assertThat(take("8", 1, 3)).isEqualTo(0);
        assertThat(redis.hget(sale, "remaining")).isEqualTo("0");
    }

    @Test
    void aSaleNotLoadedAnswersSoAndCreatesNothing() {
        assertThat(take("7", 1, 1)).isEqualTo(-3);
        assertThat(redis.exists(sale)).isFalse();
        assertThat(redis.exists(buyers)).isFalse();
    }


    private long giveBack(String customer, int units, String forgetKey) {
        return (Long) scripts.run("flash-give-back", List.of(sale, buyers, keys),
                List.of(customer, String.valueOf(units), forgetKey, "42", channel));
    }

    @Test
    void unitsGoBackAndTheCustomerStaysABuyerAtZero() {
        openSale(5, 3, 0, Long.MAX_VALUE / 2);
        take("7", 3, 1);
        assertThat(giveBack("7", 1, "")).isEqualTo(1);
        assertThat(redis.hget(sale, "remaining")).isEqualTo("3");
        assertThat(redis.hget(buyers, "7")).isEqualTo("2");
        assertThat(giveBack("7", 2, "")).isEqualTo(1);
        assertThat(redis.hget(sale, "remaining")).isEqualTo("5");
        assertThat(redis.hget(buyers, "7")).as("a customer who passed once may retry a key: kept at 0").isEqualTo("0");
        assertThat(giveBack("7", 1, "")).isEqualTo(1);
        assertThat(redis.hget(buyers, "7")).as("never below 0").isEqualTo("0");
    }

    @Test
    void aRolledBackPassForgetsItsKeySoThatARetryIsANewRequest() {
        openSale(1, 1, 0, Long.MAX_VALUE / 2);
        take("7", 1, 1, "k1", "-/1");
        assertThat(giveBack("7", 1, "k1")).isEqualTo(1);
        assertThat(redis.hexists(keys, "7:k1")).isFalse();
        assertThat(take("7", 1, 2, "k1", "-/1")).as("a pass again, not a replay").containsExactly(1L, "");
    }

    @Test
    void aSaleNotLoadedIsLeftToReconciliation() {
        assertThat(giveBack("7", 1, "")).isEqualTo(0);
        assertThat(redis.exists(sale)).as("no half sale created").isFalse();
        assertThat(redis.exists(buyers)).isFalse();
    }


    /** Loads with the holders (customer, units pairs) and no keys. */
    private List<Object> load(int remaining, String when, String... holdings) {
        return load(remaining, when, List.of(holdings), List.of());
    }

    private List<Object> load(int remaining, String when, List<String> holdings, List<String> keyTriples) {
        List<String> args = new java.util.ArrayList<>(List.of(String.valueOf(remaining), "2", "1000", "9000",
                "60000", when, "42", channel, String.valueOf(holdings.size() / 2), String.valueOf(keyTriples.size() / 3)));
        args.addAll(holdings);
        args.addAll(keyTriples);
        return List.copyOf((List<?>) scripts.run("flash-load", List.of(sale, buyers, keys, tickets), args));
    }

    @Test
    void aLoadRestoresTheKeysAndTicketsSoThatRetriesAreStillRecognised() {
        assertThat(load(0, "absent", List.of("7", "1", "8", "1"), List.of("7:k1", "-/1", "-", "8:k2", "t-8/1", "t-8")))
                .containsExactly(2L, "-1");
        assertThat(redis.hgetAll(keys)).isEqualTo(Map.of("7:k1", "-/1", "8:k2", "t-8/1"));
        assertThat(redis.hgetAll(tickets)).isEqualTo(Map.of("t-8", "8"));
        assertThat(take("8", 1, 2000, "k2", "t-other/1")).containsExactly(2L, "t-8/1");
        assertThat(redis.pttl(keys)).isBetween(1L, 60000L);
    }

    @Test
    void absentLoadsASaleThatIsNotThereWithItsHoldersAndATimeToLive() {
        assertThat(load(4, "absent", "7", "1", "8", "2")).containsExactly(2L, "-1");
        assertThat(redis.hgetAll(sale)).containsEntry("remaining", "4").containsEntry("limit", "2")
                .containsEntry("starts", "1000").containsEntry("ends", "9000");
        assertThat(redis.hgetAll(buyers)).isEqualTo(Map.of("7", "1", "8", "2"));
        assertThat(redis.pttl(sale)).isBetween(1L, 60000L);
        assertThat(redis.pttl(buyers)).isBetween(1L, 60000L);
    }

    @Test
    void absentLeavesALoadedSaleAlone() {
        openSale(3, 2, 1000, 9000);
        assertThat(load(9, "absent")).containsExactly(0L, "3");
        assertThat(redis.hget(sale, "remaining")).isEqualTo("3");
    }

    @Test
    void aPassSinceTheGivenTimeLeavesTheSaleAlone() {
        openSale(3, 2, 0, Long.MAX_VALUE / 2);
        take("7", 1, 5000);
        assertThat(load(9, "4999")).as("a request passed the gate after the database was read")
                .containsExactly(0L, "2");
        assertThat(redis.hget(sale, "remaining")).isEqualTo("2");
        assertThat(redis.hget(buyers, "7")).isEqualTo("1");
    }

    @Test
    void noPassSinceTheGivenTimeReplacesStateAndHolders() {
        openSale(3, 2, 0, Long.MAX_VALUE / 2);
        take("7", 1, 5000);
        assertThat(load(6, "5000", "8", "2")).containsExactly(1L, "2");
        assertThat(redis.hget(sale, "remaining")).isEqualTo("6");
        assertThat(redis.hget(sale, "lastPass")).as("the replaced state starts afresh").isNull();
        assertThat(redis.hgetAll(buyers)).as("the database's holders only").isEqualTo(Map.of("8", "2"));
    }


    private long release(String token) {
        return (Long) scripts.run("lock-release", List.of(prefix + "lock"), List.of(token));
    }

    @Test
    void onlyTheHolderReleasesTheLock() {
        redis.set(prefix + "lock", "holder");
        assertThat(release("someone-else")).isEqualTo(0);
        assertThat(redis.get(prefix + "lock")).isEqualTo("holder");
        assertThat(release("holder")).isEqualTo(1);
        assertThat(redis.exists(prefix + "lock")).isFalse();
    }

    @Test
    void anExpiredLockIsNothingToRelease() {
        assertThat(release("holder")).isEqualTo(0);
    }
}
