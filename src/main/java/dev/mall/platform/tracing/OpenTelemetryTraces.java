package dev.mall.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import java.util.Optional;

/**
 * The only class that names OpenTelemetry types: loaded only when {@link Tracing#enabled()}. The OpenTelemetry
 * instance is mpTelemetry's (per application, from CDI); Liberty traces the REST requests itself, this adds the
 * spans it cannot know: a JMS delivery continuing the trace of the transaction that sent the message.
 */
final class OpenTelemetryTraces {

    private static final String SCOPE_NAME = "dev.mall";

    private OpenTelemetryTraces() {
    }

    static Optional<Traceparent> currentIds() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Optional.of(new Traceparent(span.getTraceId(), span.getSpanId())) : Optional.empty();
    }

    static Optional<String> currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid()
                ? Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex())
                : Optional.empty();
    }

    /** A CONSUMER span, child of the sender's span when the traceparent is valid, current until closed. */
    static AutoCloseable consume(String name, String traceparent, Map<String, String> attributes) {
        Context parent = Context.root();
        Optional<Traceparent> remote = Traceparent.parse(traceparent);
        if (remote.isPresent()) {
            String flags = traceparent.trim().substring(traceparent.trim().length() - 2);
            parent = parent.with(Span.wrap(SpanContext.createFromRemoteParent(remote.get().traceId(),
                    remote.get().spanId(), TraceFlags.fromHex(flags, 0), TraceState.getDefault())));
        }
        Tracer tracer = CDI.current().select(OpenTelemetry.class).get().getTracer(SCOPE_NAME);
        var builder = tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute("messaging.system", "activemq");
        attributes.forEach(builder::setAttribute);
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }

    /** Records a failed delivery on the current span (the container rolls the transaction back). */
    static void failed(Throwable error) {
        Span.current().recordException(error);
        Span.current().setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
    }
}
