package dev.mall.ordering.boundary;

import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code Idempotency-Key} header every order-creating request must carry (docs/API.md "Orders"). */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private IdempotencyKeys() {
    }

    /** The key, or 400 naming the header if it is missing or malformed. */
    public static String require(String key) {
        if (!valid(key)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(HEADER,
                    "required: 1 to 100 characters of letters, digits, '.', '_', ':' or '-'")));
        }
        return key;
    }

    /** Whether {@link #require} would take the key. */
    public static boolean valid(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}
