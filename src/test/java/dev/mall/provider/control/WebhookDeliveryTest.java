package dev.mall.provider.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    @Test
    void theBackoffDoublesFromOneSecondUpToItsCap() {
        Duration cap = Duration.ofSeconds(30);
        assertThat(WebhookDelivery.backoff(1, cap)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WebhookDelivery.backoff(2, cap)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WebhookDelivery.backoff(5, cap)).isEqualTo(Duration.ofSeconds(16));
        assertThat(WebhookDelivery.backoff(6, cap)).isEqualTo(cap);
        assertThat(WebhookDelivery.backoff(1000, cap)).isEqualTo(cap);
    }
}
