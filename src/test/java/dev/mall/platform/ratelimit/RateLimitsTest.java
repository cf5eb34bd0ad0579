package dev.mall.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private static RateLimits limits(long customerRate, long customerBurst, long addressRate, long addressBurst) {
        RateLimits limits = new RateLimits();
        limits.customerRate = customerRate;
        limits.customerBurst = customerBurst;
        limits.addressRate = addressRate;
        limits.addressBurst = addressBurst;
        limits.init();
        return limits;
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    @Test
    void aCustomerGetsTheBurstThenWaitsAboutOneRefillInterval() {
        RateLimits limits = limits(1, 3, 0, 0);
        long customer = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String address = randomAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(limits.refuse(address, customer)).as("request %d", i).isEmpty();
        }
        OptionalLong wait = limits.refuse(address, customer);
        assertThat(wait).isPresent();
        assertThat(wait.getAsLong()).isPositive().isLessThanOrEqualTo(1_000_000_000L);
        assertThat(limits.refuse(address, customer + 1)).as("another customer has a bucket of its own").isEmpty();
    }

    @Test
    void anAddressOverItsLimitIsRefusedWhoeverItClaimsToBeAndSpendsNoCustomerToken() {
        RateLimits limits = limits(1, 1, 1, 2);
        String address = randomAddress();
        assertThat(limits.refuse(address, 1L)).isEmpty();
        assertThat(limits.refuse(address, 2L)).isEmpty();
        assertThat(limits.refuse(address, 3L)).as("third request from one address").isPresent();
        assertThat(limits.refuse(randomAddress(), 3L)).as("customer 3 kept its token").isEmpty();
        assertThat(limits.refuse(address, null)).as("anonymous requests count against the address").isPresent();
    }

    @Test
    void aRateOfZeroTurnsALimitOff() {
        RateLimits limits = limits(0, 0, 0, 0);
        String address = randomAddress();
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.refuse(address, 7L)).isEmpty();
        }
    }
}
