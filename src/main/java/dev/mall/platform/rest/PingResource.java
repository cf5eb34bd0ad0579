package dev.mall.platform.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Does nothing, on purpose: the cost of one request through Liberty's HTTP stack, the REST runtime and the security
 * check of an anonymous call, and nothing else. The benchmark suite (bench/, baseline B5) measures every workload
 * against it; a load balancer may use it as a cheap liveness probe. It touches no database, broker or cache, so it
 * stays fast while they are down: readiness is {@code /health/ready}.
 */
@Path("ping")
@Tag(name = "platform")
@ApplicationScoped
public class PingResource {

    @GET
    @PermitAll
    @Operation(summary = "No-op: 204, nothing read or written (the benchmark's baseline request)")
    @APIResponse(responseCode = "204", description = "The server answers")
    public Response ping() {
        return Response.noContent().build();
    }
}
