package dev.mall.identity.boundary;

import dev.mall.identity.entity.EmailAlreadyRegistered;
import dev.mall.platform.problem.Problem;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 409 for a registration whose email has an account, whether the check or the unique key noticed it. */
@Provider
public class EmailAlreadyRegisteredMapper implements ExceptionMapper<EmailAlreadyRegistered> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(EmailAlreadyRegistered exception) {
        return Problem.of("email-taken", "Email already registered", Response.Status.CONFLICT,
                        "An account with this email address exists already.")
                .at(uriInfo == null ? null : uriInfo.getRequestUri().getRawPath())
                .toResponse();
    }
}
