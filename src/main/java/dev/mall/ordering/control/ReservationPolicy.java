package dev.mall.ordering.control;

import dev.mall.platform.faults.TestDirectives;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long an unpaid order holds its stock (MALL_RESERVATION_TIMEOUT, default PT15M). */
@ApplicationScoped
public class ReservationPolicy {

    @Inject
    @ConfigProperty(name = "mall.reservation.timeout", defaultValue = "PT15M")
    Duration timeout;

    @Inject
    TestDirectives directives;

    public Duration timeout() {
        try {
            return directives.reservationTimeout().orElse(timeout);
        } catch (ContextNotActiveException e) {
            return timeout;
        }
    }
}
