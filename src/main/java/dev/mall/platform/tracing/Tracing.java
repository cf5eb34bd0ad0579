package dev.mall.platform.tracing;

import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether this server traces (MALL_TRACING=on: bin/mall then also turns the OpenTelemetry SDK of mpTelemetry on, see
 * docs/OPERATIONS.md "Traces"), and the trace context of the current thread. Off, nothing here touches OpenTelemetry
 * (its classes are not even loaded: {@link OpenTelemetryTraces} is the only class that names them), so off costs a
 * boolean test; the log context then takes the ids of a caller's {@code traceparent}, if it sent one.
 */
public final class Tracing {

    private static volatile Boolean enabled;

    private Tracing() {
    }

    public static boolean enabled() {
        Boolean on = enabled;
        if (on == null) {
            on = ConfigProvider.getConfig().getOptionalValue("mall.tracing", String.class)
                    .map(value -> value.equalsIgnoreCase("on") || value.equalsIgnoreCase("true")).orElse(false);
            enabled = on;
        }
        return on;
    }

    /** The ids of the current span when tracing, else those of the given traceparent (a request's or message's). */
    public static Optional<Traceparent> current(String traceparent) {
        if (enabled()) {
            Optional<Traceparent> span = OpenTelemetryTraces.currentIds();
            if (span.isPresent()) {
                return span;
            }
        }
        return Traceparent.parse(traceparent);
    }

    /** The traceparent to hand on (a JMS property, a webhook row): the current span's, only when tracing. */
    public static Optional<String> traceparentToPropagate() {
        return enabled() ? OpenTelemetryTraces.currentTraceparent() : Optional.empty();
    }
}
