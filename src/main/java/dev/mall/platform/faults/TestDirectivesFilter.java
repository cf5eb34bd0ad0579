package dev.mall.platform.faults;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Copies the test headers into {@link TestDirectives}, on servers started with {@code mall.test-hooks.enabled=true}. */
@Provider
public class TestDirectivesFilter implements ContainerRequestFilter {

    public static final String FAULT_HEADER = "X-Mall-Fault";
    public static final String RESERVATION_TIMEOUT_HEADER = "X-Mall-Reservation-Timeout";

    @Inject
    @ConfigProperty(name = "mall.test-hooks.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    TestDirectives directives;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!enabled) {
            return;
        }
        directives.fault(request.getHeaderString(FAULT_HEADER));
        String timeout = request.getHeaderString(RESERVATION_TIMEOUT_HEADER);
        if (timeout != null) {
            try {
                directives.reservationTimeout(Duration.parse(timeout));
            } catch (DateTimeParseException e) {
                throw new BadRequestException(RESERVATION_TIMEOUT_HEADER + " must be an ISO-8601 duration");
            }
        }
    }
}
