package dev.mall.platform.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Exceptions the REST layer raises itself (unknown path 404, wrong verb 405, unsupported media type 415, an
 * unreadable body 400, ...) keep their status but answer in problem+json, with a fixed, safe description.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original != null && original.hasEntity() && Problem.MEDIA_TYPE.equals(String.valueOf(original.getMediaType()))) {
            return original;
        }
        int status = original == null ? 500 : original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        if (type == null) {
            type = original.getStatusInfo();
        }
        Problem problem = switch (status) {
            case 400 -> Problem.of("bad-request", "Bad request", type,
                    "The request could not be read: check that the body is well-formed JSON of the documented shape.");
            case 401 -> Problem.of("unauthorized", "Authentication required", type,
                    "Send a valid bearer token in the Authorization header.");
            case 403 -> Problem.of("forbidden", "Forbidden", type, "Your role does not allow this operation.");
            case 404 -> Problem.of("not-found", "Not found", type, "No resource exists at this path.");
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", type,
                    "This path does not support the HTTP method used.");
            case 406 -> Problem.of("not-acceptable", "Not acceptable", type, "This resource answers application/json.");
            case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", type,
                    "Send the body as application/json.");
            default -> status >= 500
                    ? Problem.of("server-error", "Server error", type, "The request could not be completed.")
                    : Problem.of("client-error", type.getReasonPhrase(), type, "The request was not accepted.");
        };
        Response.ResponseBuilder builder = Response.fromResponse(problem.at(Problems.path(uriInfo)).toResponse());
        if (original != null && original.getHeaderString("Allow") != null) {
            builder.header("Allow", original.getHeaderString("Allow"));
        }
        return builder.build();
    }
}
