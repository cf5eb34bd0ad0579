package dev.mall.flashsale.boundary;

import dev.mall.flashsale.control.FlashSales;
import dev.mall.flashsale.entity.FlashSale;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Flash-sale administration (admin group only). */
@Path("admin/flash-sales")
@Tag(name = "admin")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminFlashSaleResource {

    @Inject
    FlashSales sales;

    @Inject
    FlashSaleReconciliation reconciliation;

    @Inject
    FlashSaleViews views;

    @Context
    UriInfo uriInfo;

    @POST
    @Operation(summary = "Create a flash sale: its units leave the SKU's ordinary stock for the sale's own pool")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FlashSaleViews.FlashSaleView.class)))
    @APIResponse(responseCode = "409", description = "The SKU has not that many free units")
    public Response create(@Valid @NotNull FlashSaleResource.NewFlashSale request) {
        FlashSale sale = sales.create(request.skuId(), request.quantity(), request.perCustomerLimit(), request.price(),
                request.startsAt(), request.endsAt(), Optional.ofNullable(request.queued()));
        try {
            // Committed: load the gate before the first buyer arrives (else the first request loads it).
            reconciliation.loadIfAbsent(sale.id());
        } catch (RuntimeException e) {
            // Redis is down: the first request after it is back loads the sale.
        }
        return Response.created(uriInfo.getBaseUriBuilder().path("flash-sales").path(String.valueOf(sale.id())).build())
                .entity(views.of(sale)).build();
    }
}
