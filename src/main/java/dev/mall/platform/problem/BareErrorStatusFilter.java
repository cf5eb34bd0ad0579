package dev.mall.platform.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;

/**
 * Gives an error response that has no body a problem+json one. Such responses bypass the exception mappers: a
 * request filter's {@code abortWith} (Liberty's {@code @RolesAllowed} check answers an unauthenticated caller with
 * a bare 401 that way) or a resource returning {@code Response.status(...)} alone. Headers (e.g.
 * {@code WWW-Authenticate}) are kept.
 */
@Provider
public class BareErrorStatusFilter implements ContainerResponseFilter {

    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || response.hasEntity() || "HEAD".equals(request.getMethod())) {
            return;
        }
        Problem problem = Problems.forStatus(response.getStatus())
                .at(request.getUriInfo().getRequestUri().getRawPath());
        response.setEntity(problem, NO_ANNOTATIONS, MediaType.valueOf(Problem.MEDIA_TYPE));
    }
}
