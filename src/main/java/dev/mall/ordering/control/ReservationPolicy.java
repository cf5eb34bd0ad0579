package dev.mall.ordering.control;

import dev.mall.platform.faults.TestDirectives;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long an unpaid order holds its stock (MALL_RESERVATION_TIMEOUT, default PT15M). */
@ApplicationScoped
public class ReservationPolicy {

    @Inject
    @ConfigProperty(name = "mall.reservation.timeout", defaultValue = "PT15M")
    Duration timeout;

    @Inject
    TestDirectives directives;

    /**
     * When a reservation made at {@code now} runs out: {@code now + timeout}, rounded up to a whole second, because
     * that is what the database keeps (Connector/J sends no fractional seconds to a MariaDB that announces itself as
     * "5.5.5-10.x"). The answer's {@code expiresAt}, the stored one and the message's delay then agree exactly.
     */
    public static Instant expiresAt(Instant now, Duration timeout) {
        Instant exact = now.plus(timeout);
        Instant whole = exact.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(exact) ? whole : whole.plusSeconds(1);
    }

    public Duration timeout() {
        try {
            return directives.reservationTimeout().orElse(timeout);
        } catch (ContextNotActiveException e) {
            return timeout;
        }
    }
}
