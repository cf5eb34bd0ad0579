package dev.mall.platform.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Small helpers shared by the exception mappers, the response filters and the error page. */
public final class Problems {

    private Problems() {
    }

    /** The request path as the client sent it, for {@code instance}; never query strings (they may hold secrets). */
    public static String path(UriInfo uriInfo) {
        return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    }

    /**
     * The problem for a bare HTTP status that no business rule explains (raised by the REST layer, the container or
     * its security): a fixed, safe description, so the same status reads the same whichever layer produced it.
     */
    static Problem forStatus(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        if (type == null) {
            type = new CustomStatus(status);
        }
        return switch (status) {
            case 400 -> Problem.of("bad-request", "Bad request", type,
                    "The request could not be read: check that the body is well-formed JSON of the documented shape.");
            case 401 -> Problem.of("unauthorized", "Authentication required", type,
                    "Send a valid, unexpired bearer token in the Authorization header (POST /api/auth/login issues one).");
            case 403 -> Problem.of("forbidden", "Forbidden", type, "Your role does not allow this operation.");
            case 404 -> Problem.of("not-found", "Not found", type, "No resource exists at this path.");
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", type,
                    "This path does not support the HTTP method used.");
            case 406 -> Problem.of("not-acceptable", "Not acceptable", type, "This resource answers application/json.");
            case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", type,
                    "Send the body as application/json.");
            default -> status >= 500
                    ? Problem.of("server-error", "Server error", type, "The request could not be completed.")
                    : Problem.of("client-error", reasonPhrase(type), type, "The request was not accepted.");
        };
    }

    private static String reasonPhrase(Response.StatusType type) {
        String phrase = type.getReasonPhrase();
        return phrase == null || phrase.isBlank() ? "Client error" : phrase;
    }

    /** A status JAX-RS has no constant for (e.g. 422, 429 on older API levels). */
    private record CustomStatus(int code) implements Response.StatusType {

        @Override
        public int getStatusCode() {
            return code;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.familyOf(code);
        }

        @Override
        public String getReasonPhrase() {
            return code >= 500 ? "Server error" : "Client error";
        }
    }
}
