package dev.mall.platform.rest;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * The JSON-B of the REST API: JSON-B's defaults, except that a request's whole-number fields ({@code Integer},
 * {@code Long}: quantities, ids, limits) take only whole numbers that fit. By default JSON-B (Yasson) binds
 * {@code "quantity": 1.5} as 1 and {@code 4294967297} as 1 (the low 32 bits), which would then pass
 * {@code @Min(1) @Max(1000)} and place an order nobody asked for; here either is a {@link JsonbException}, answered
 * {@code 400 malformed-body} ({@code platform.problem.MalformedBodyMapper}) before anything runs. {@code 2.0} and
 * {@code 1e2} are whole and accepted, and so is a number written as a string ({@code "5"}), as JSON-B's default does.
 * <p>
 * Only boxed fields pass through a deserializer of JSON-B's, so request bodies use boxed numbers (held by
 * {@code WholeNumbersTest} for every resource method's body).
 */
@Provider
public class WholeNumbers implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withDeserializers(new IntegerDeserializer(), new LongDeserializer()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** The value the parser is at as an exact number, or null for JSON null. */
    static BigDecimal exact(JsonParser parser) {
        JsonValue value = parser.getValue();
        if (value instanceof JsonNumber number) {
            return number.bigDecimalValue();
        }
        if (value instanceof JsonString string) {
            try {
                return new BigDecimal(string.getString().strip());
            } catch (NumberFormatException e) {
                throw new JsonbException("not a number: a string that does not read as one");
            }
        }
        if (value == JsonValue.NULL) {
            return null;
        }
        throw new JsonbException("not a number: " + value.getValueType());
    }

    /** The value as {@code exact} converts it, or null for JSON null; a fraction or a number out of range refused. */
    static <T> T whole(JsonParser parser, Function<BigDecimal, T> exact, String range) {
        BigDecimal value = exact(parser);
        try {
            return value == null ? null : exact.apply(value);
        } catch (ArithmeticException e) {
            throw new JsonbException("not a whole number " + range, e);
        }
    }

    static final class IntegerDeserializer implements JsonbDeserializer<Integer> {

        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, BigDecimal::intValueExact, "between -2^31 and 2^31-1");
        }
    }

    static final class LongDeserializer implements JsonbDeserializer<Long> {

        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, BigDecimal::longValueExact, "between -2^63 and 2^63-1");
        }
    }
}
