package dev.mall.platform.rest;

import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads query parameters from their raw strings and collects every mistake, so that one 400 names all of them.
 * <p>
 * Why not {@code @QueryParam int size} with {@code @Min}/{@code @Max}: Jakarta REST answers a query parameter that
 * does not convert ({@code size=abc}) with 404, not 400, and Bean Validation cannot compare two parameters
 * ({@code minPrice <= maxPrice}). Resources take the parameters as {@code String}, read them here, then call
 * {@link #throwIfInvalid()}. Absent and blank values both mean "not given".
 */
public final class QueryParameters {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");

    /** Deep pages cost an OFFSET scan; nobody pages 100 000 pages deep through a shop by hand. */
    public static final int MAX_PAGE = 100_000;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** A list's {@code page}: from 0 to {@link #MAX_PAGE}, 0 when not given. */
    public int page(String raw) {
        return integer("page", raw, 0, 0, MAX_PAGE);
    }

    /** A list's {@code size}: from 1 to 100, 20 when not given. */
    public int size(String raw) {
        return integer("size", raw, 20, 1, 100);
    }

    /** A whole number in {@code [min, max]}; {@code fallback} when not given. */
    public int integer(String name, String raw, int fallback, int min, int max) {
        if (isAbsent(raw)) {
            return fallback;
        }
        Long number = wholeNumber(raw);
        if (number == null || number < min || number > max) {
            reject(name, "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return number.intValue();
    }

    /** A positive id, or null when not given. */
    public Long id(String name, String raw) {
        if (isAbsent(raw)) {
            return null;
        }
        Long id = wholeNumber(raw);
        if (id == null || id <= 0) {
            reject(name, "must be a positive whole number");
            return null;
        }
        return id;
    }

    /**
     * An amount of money, {@code >= 0} with at most 2 decimal places and at most 10 digits before the point (the
     * range of a DECIMAL(12, 2) column), or null when not given.
     */
    public BigDecimal money(String name, String raw) {
        if (isAbsent(raw)) {
            return null;
        }
        String value = raw.strip();
        if (!DECIMAL.matcher(value).matches()) {
            reject(name, "must be a decimal number such as 19.90");
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.signum() < 0) {
            reject(name, "must not be negative");
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            reject(name, "must have at most 2 decimal places");
            return null;
        }
        if (amount.precision() - amount.scale() > 10) {
            reject(name, "must be below 10000000000");
            return null;
        }
        return amount.setScale(2);
    }

    public void reject(String name, String message) {
        errors.add(new Problem.FieldError(name, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** 400 problem+json listing every rejected parameter, if there is one. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors());
        }
    }

    /** The value as a long, or null if it is not one (not digits, or beyond the range of long). */
    private static Long wholeNumber(String raw) {
        String value = raw.strip();
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException beyondLong) {
            return null;
        }
    }

    public static boolean isAbsent(String raw) {
        return raw == null || raw.isBlank();
    }
}
