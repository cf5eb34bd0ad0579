package dev.mall.platform.tracing;

import dev.mall.platform.logging.LogContext;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Every log record written while the shop serves a request carries the request's trace id and span id (the current
 * span when tracing is on, else the caller's {@code traceparent}) and the order id its path names; the customer is
 * added once the token is verified ({@link AuthenticatedCustomerLogContext}). Registered first, so it wraps the
 * resource, the error mappers and the error pages alike.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestLogContext extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** /api/orders/{id}/..., /api/admin/orders/{id}/... */
    private static final Pattern ORDER_PATH = Pattern.compile("/api/(?:admin/)?orders/(\\d{1,18})(?:/.*)?");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (LogContext context = LogContext.open()) {
            Tracing.current(request.getHeader(Traceparent.NAME)).ifPresent(ids -> context
                    .with(LogContext.TRACE_ID, ids.traceId()).with(LogContext.SPAN_ID, ids.spanId()));
            var order = ORDER_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
            if (order.matches()) {
                context.with(LogContext.ORDER_ID, order.group(1));
            }
            chain.doFilter(request, response);
        }
    }
}
