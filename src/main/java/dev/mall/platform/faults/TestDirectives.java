package dev.mall.platform.faults;

import jakarta.enterprise.context.RequestScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * What a test asked of the current request through {@code X-Mall-Fault} and {@code X-Mall-Reservation-Timeout}.
 * Filled by {@link TestDirectivesFilter} only when {@code mall.test-hooks.enabled} is true (the integration-test
 * server); on any other server it stays empty and the headers are ignored.
 */
@RequestScoped
public class TestDirectives {

    private String fault;
    private Duration reservationTimeout;

    void fault(String value) {
        this.fault = value;
    }

    void reservationTimeout(Duration value) {
        this.reservationTimeout = value;
    }

    boolean asksFor(String directive) {
        return directive.equals(fault);
    }

    public Optional<Duration> reservationTimeout() {
        return Optional.ofNullable(reservationTimeout);
    }
}
