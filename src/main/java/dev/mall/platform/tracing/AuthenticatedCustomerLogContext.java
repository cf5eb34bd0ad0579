package dev.mall.platform.tracing;

import dev.mall.platform.logging.LogContext;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Adds the verified token's subject (the customer id) to the request's log context ({@link RequestLogContext}).
 * Reads the request's principal rather than injecting the token: an injected JsonWebToken asked about a request that
 * carries none logs CWWKS5604E (an error) on every anonymous call. Runs after Liberty's own authorization filter
 * ({@code Priorities.AUTHORIZATION + 1}): Liberty authenticates a bearer token only when a resource needs a caller
 * (server.xml, {@code useAuthenticationDataForUnprotectedResource}), and that filter is where it asks.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 2)
public class AuthenticatedCustomerLogContext implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext() == null ? null
                : request.getSecurityContext().getUserPrincipal();
        String subject = principal instanceof JsonWebToken token ? token.getSubject() : null;
        if (subject != null && !subject.isEmpty() && subject.chars().allMatch(Character::isDigit)) {
            LogContext.addToCurrent(LogContext.CUSTOMER_ID, subject);
        }
    }
}
