package dev.mall.platform.tracing;


import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context {@code traceparent} value ({@code 00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>}),
 * read from an HTTP header or a JMS message property. Only well-formed values are accepted: an all-zero id is
 * invalid by the specification, and anything else a client sends is ignored rather than logged.
 */
public record Traceparent(String traceId, String spanId) {

    public static final String NAME = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final Pattern ZEROS = Pattern.compile("0+");

    public static Optional<Traceparent> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        var matcher = FORMAT.matcher(trimmed);
        if (!matcher.matches() || trimmed.startsWith("ff") || ZEROS.matcher(matcher.group(1)).matches()
                || ZEROS.matcher(matcher.group(2)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(matcher.group(1), matcher.group(2)));
    }
}
