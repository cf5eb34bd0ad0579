package dev.mall.platform.ratelimit;

import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * Answers a {@link RateLimited} request over its limits with 429 problem+json and {@code Retry-After}, before the
 * resource runs: nothing is read, reserved or written for it. The address is the TCP peer's, never a header's (a
 * client could name any address in one); behind a trusted proxy configure Liberty's {@code remoteIp} instead.
 */
@Provider
@RateLimited
@Priority(Priorities.USER)
public class RateLimitFilter implements ContainerRequestFilter {

    @Inject
    RateLimits limits;

    @Inject
    JsonWebToken token;

    @Context
    HttpServletRequest request;

    @Inject
    @Metric(absolute = true, name = RateLimits.LIMITED_METRIC, description = "Requests refused with 429 by the rate limits")
    Counter limited;

    @Override
    public void filter(ContainerRequestContext context) {
        OptionalLong wait = limits.refuse(request.getRemoteAddr(), customerId());
        if (wait.isPresent()) {
            limited.inc();
            long seconds = RateLimits.retryAfterSeconds(wait.getAsLong());
            Problem problem = RateLimits.problem(seconds);
            context.abortWith(Response.fromResponse(problem.at(Problems.path(context.getUriInfo())).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, seconds)
                    .build());
        }
    }

    private Long customerId() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null) {
            return null;
        }
        try {
            return Long.valueOf(subject);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
