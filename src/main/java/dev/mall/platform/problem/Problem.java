package dev.mall.platform.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every 4xx/5xx answer (docs/API.md "Errors"). {@code errors} is present only for
 * validation failures; it never carries a stack trace, SQL text or class name.
 */
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://mall.dev/problems/";

    public record FieldError(String field, String message) {
    }

    /** A problem whose type is {@code https://mall.dev/problems/<slug>}. */
    public static Problem of(String slug, String title, Response.StatusType status, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status.getStatusCode(), detail, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
