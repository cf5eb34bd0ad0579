package it.dev.mall.probe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A validated JSON endpoint for the error-mapping IT: the probe WAR carries mall's own problem+json mappers
 * (dev.mall.platform.problem), so bad bodies here are answered exactly as mall answers them.
 */
@Path("echo")
public class EchoResource {

    public record EchoRequest(@NotBlank @Size(max = 20) String name, @NotNull @Positive @Max(1000) Integer quantity) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public EchoRequest echo(@Valid @NotNull EchoRequest request) {
        return request;
    }
}
