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
        Problem problem = Problems.forStatus(status);
        Response.ResponseBuilder builder = Response.fromResponse(problem.at(Problems.path(uriInfo)).toResponse());
        // Headers that tell the client how to proceed survive the rewrite: the verbs a 405 allows, the scheme a 401
        // asks for (NotAuthorizedException("Bearer") sets it).
        for (String header : new String[] {"Allow", "WWW-Authenticate"}) {
            if (original != null && original.getHeaderString(header) != null) {
                builder.header(header, original.getHeaderString(header));
            }
        }
        return builder.build();
    }
}
