package dev.mall.platform.problem;

import dev.mall.platform.domain.Refusal;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A domain's refusal, answered as {@link ProblemCatalogue} says. */
@Provider
public class RefusalMapper implements ExceptionMapper<Refusal> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Refusal refusal) {
        return ProblemCatalogue.problemOf(refusal).at(Problems.path(uriInfo)).toResponse();
    }
}
