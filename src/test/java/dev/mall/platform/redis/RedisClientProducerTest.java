package dev.mall.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class RedisClientProducerTest {

    @Test
    void blankSentinelListMeansOneRedisAtTheUrl() {
        assertThat(RedisClientProducer.sentinelNodes("")).isEmpty();
        assertThat(RedisClientProducer.sentinelNodes(" , ")).isEmpty();
    }

    @Test
    void sentinelListIsReadInOrderWithoutBlanksOrDuplicates() {
        int port = ThreadLocalRandom.current().nextInt(20000, 30000);
        assertThat(RedisClientProducer.sentinelNodes("127.0.0.1:" + port + ", sentinel-b:" + (port + 1)
                + ",127.0.0.1:" + port + ","))
                .containsExactly(new HostAndPort("127.0.0.1", port), new HostAndPort("sentinel-b", port + 1));
    }

    @Test
    void anEntryWithoutAPortIsRefusedWithItsText() {
        assertThatThrownBy(() -> RedisClientProducer.sentinelNodes("127.0.0.1:26379,sentinel-b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sentinel-b' is not host:port");
        assertThatThrownBy(() -> RedisClientProducer.sentinelNodes("sentinel-c:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sentinel-c:'");
    }
}
