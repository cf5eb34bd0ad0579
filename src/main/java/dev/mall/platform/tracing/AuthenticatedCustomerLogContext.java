package dev.mall.platform.tracing;

import dev.mall.platform.logging.LogContext;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Adds the verified token's subject (the customer id) to the request's log context ({@link RequestLogContext}). */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class AuthenticatedCustomerLogContext implements ContainerRequestFilter {

    @Inject
    JsonWebToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        String subject = token == null ? null : token.getSubject();
        if (subject != null && subject.chars().allMatch(Character::isDigit)) {
            LogContext.addToCurrent(LogContext.CUSTOMER_ID, subject);
        }
    }
}
