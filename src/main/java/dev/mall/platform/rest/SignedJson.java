package dev.mall.platform.rest;

import dev.mall.platform.problem.ProblemException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A JSON body that a partner signed over its raw bytes (the payment provider's webhook, a carrier's callback): 401
 * {@code bad-signature} unless the signature verified — checked before anything is parsed — then 400
 * {@code malformed-json} unless it is the JSON of the expected record, and 400 {@code validation} unless that record
 * passes its constraints.
 */
public final class SignedJson {

    private static final Jsonb JSON = JsonbBuilder.create();

    private SignedJson() {
    }

    /** {@code what}: the body's name in the 400's detail ("payment callback"). */
    public static <T> T read(byte[] body, boolean signatureVerified, Class<T> type, String what, Validator validator) {
        if (!signatureVerified) {
            throw new ProblemException("bad-signature", "Bad signature", Response.Status.UNAUTHORIZED,
                    "The X-Mall-Signature header does not match the body.");
        }
        T parsed;
        try {
            parsed = JSON.fromJson(new String(body, StandardCharsets.UTF_8), type);
        } catch (JsonbException e) {
            parsed = null;
        }
        if (parsed == null) {
            throw new ProblemException("malformed-json", "Malformed JSON", Response.Status.BAD_REQUEST,
                    "The body is not a JSON " + what + ".");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(parsed);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return parsed;
    }
}
