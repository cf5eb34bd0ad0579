package dev.mall.identity.boundary;

import dev.mall.identity.control.CustomerAccounts;
import dev.mall.identity.entity.Customer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own account. A read: no transaction. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity")
public class ProfileResource {

    @Inject
    CurrentCustomer caller;

    @Inject
    CustomerAccounts accounts;

    @GET
    @RolesAllowed({CurrentCustomer.CUSTOMER, CurrentCustomer.ADMIN})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "The caller's profile")
    @APIResponse(responseCode = "200", description = "The account the bearer token belongs to",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileResponse.class),
                    examples = @ExampleObject(name = "profile", value = "{\"id\": 42, \"email\": \"ann@example.org\", "
                            + "\"displayName\": \"Ann\", \"roles\": [\"customer\"]}")))
    @APIResponse(responseCode = "401", description = "No token, or one that is invalid or expired")
    @APIResponse(responseCode = "403", description = "The token carries neither role customer nor admin")
    public ProfileResponse me() {
        Customer customer = accounts.find(caller.id())
                // A verified token naming no account (e.g. the database was reset): re-login is the client's remedy.
                .orElseThrow(() -> new NotAuthorizedException("Bearer"));
        return ProfileResponse.of(customer);
    }
}
