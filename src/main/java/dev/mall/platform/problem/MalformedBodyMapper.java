package dev.mall.platform.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that is not JSON, or JSON that cannot be bound to the request record (a string where a number belongs):
 * 400. On the server side a {@link ProcessingException} only arises while reading the entity, so it is the client's.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ProcessingException exception) {
        return malformed(uriInfo);
    }

    static Response malformed(UriInfo uriInfo) {
        return problem().at(Problems.path(uriInfo)).toResponse();
    }

    static Problem problem() {
        return Problem.of("malformed-body", "Malformed request body", Response.Status.BAD_REQUEST,
                "The body is not well-formed JSON of the documented shape (check syntax and field types; whole-number"
                        + " fields take whole numbers within their range).");
    }

    /** JSON-B may surface its own exception unwrapped, depending on where binding fails. */
    @Provider
    public static class JsonbFailure implements ExceptionMapper<JsonbException> {

        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(JsonbException exception) {
            return malformed(uriInfo);
        }
    }
}
