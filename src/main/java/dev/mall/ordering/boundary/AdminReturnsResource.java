package dev.mall.ordering.boundary;

import dev.mall.ordering.control.OrderReturns;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Returns for the shop's administrators: approve (refund, optionally restock) or reject. */
@Path("admin/returns")
@Tag(name = "admin")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AdminReturnsResource {

    @Inject
    OrderReturns returns;

    public record Approval(@Schema(description = "true: the returned units go back to stock", example = "true")
                           @NotNull Boolean restock) {
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a requested return: its amount refunded through the provider and, with restock, "
            + "its units back to stock — one transaction")
    @APIResponse(responseCode = "200", description = "REFUNDED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.ReturnView.class)))
    @APIResponse(responseCode = "400", description = "restock missing")
    @APIResponse(responseCode = "404", description = "No such return")
    @APIResponse(responseCode = "409", description = "The return is not REQUESTED, or the provider refused; nothing "
            + "changed")
    @APIResponse(responseCode = "502", description = "The provider did not answer; nothing changed")
    public OrderViews.ReturnView approve(@PathParam("id") long id, @Valid @NotNull Approval approval) {
        return returns.approve(id, approval.restock(), OrderViews::ofReturn);
    }

    @POST
    @Path("{id}/reject")
    @Operation(summary = "Reject a requested return")
    @APIResponse(responseCode = "200", description = "REJECTED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.ReturnView.class)))
    @APIResponse(responseCode = "404", description = "No such return")
    @APIResponse(responseCode = "409", description = "The return is not REQUESTED; nothing changed")
    public OrderViews.ReturnView reject(@PathParam("id") long id) {
        return returns.reject(id, OrderViews::ofReturn);
    }
}
