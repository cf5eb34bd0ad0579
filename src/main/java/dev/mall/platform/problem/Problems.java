package dev.mall.platform.problem;

import jakarta.ws.rs.core.UriInfo;

/** Small helpers shared by the exception mappers. */
final class Problems {

    private Problems() {
    }

    /** The request path as the client sent it, for {@code instance}; never query strings (they may hold secrets). */
    static String path(UriInfo uriInfo) {
        return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    }
}
