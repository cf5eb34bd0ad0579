package dev.mall.flashsale.boundary;

import dev.mall.flashsale.control.FlashSaleOrders;
import dev.mall.platform.ratelimit.RateLimited;
import dev.mall.flashsale.control.FlashSales;
import dev.mall.identity.boundary.CurrentCustomer;
import dev.mall.ordering.boundary.IdempotencyKeys;
import dev.mall.ordering.boundary.OrderViews;
import dev.mall.ordering.boundary.Orders;
import dev.mall.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Flash sales (docs/API.md "Flash sales"): admins create them, anyone reads them, customers buy through the gate. */
@Path("flash-sales")
@Tag(name = "flash sales")
@Produces(MediaType.APPLICATION_JSON)
public class FlashSaleResource {

    @Inject
    FlashSales sales;

    @Inject
    FlashSaleViews views;

    @Inject
    FlashSaleOrders orders;


    @Inject
    CurrentCustomer customer;

    @Context
    UriInfo uriInfo;

    public record NewFlashSale(@Schema(example = "4") @NotNull @Positive Long skuId,
                               @Schema(example = "100") @NotNull @Min(1) @Max(1_000_000) Integer quantity,
                               @Schema(example = "1") @NotNull @Min(1) @Max(1000) Integer perCustomerLimit,
                               @Schema(example = "9.99") @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal price,
                               @Schema(example = "2026-12-01T10:00:00Z") @NotNull Instant startsAt,
                               @Schema(example = "2026-12-01T10:30:00Z") @NotNull Instant endsAt,
                               @Schema(description = "Buyers who pass the gate get a ticket (202) and their orders are"
                                       + " created from a queue; false: each winner's order is placed in the request"
                                       + " (201); absent: sales of mall.flashsale.queue-threshold units (default 1:"
                                       + " every sale) or more queue") Boolean queued) {
    }

    /** The most units one purchase may ask for. */
    public static final int MAX_UNITS_PER_PURCHASE = 1000;

    public record Purchase(@Schema(example = "1") @NotNull @Min(1) @Max(MAX_UNITS_PER_PURCHASE) Integer quantity) {
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "A flash sale with its remaining units")
    @APIResponse(responseCode = "200", description = "The sale")
    @APIResponse(responseCode = "404", description = "No such sale")
    public FlashSaleViews.FlashSaleView get(@PathParam("id") long id) {
        return views.of(sales.find(id).orElseThrow(() -> ProblemException.notFound("Flash sale " + id)));
    }

    @POST
    @Path("{id}/orders")
    @RolesAllowed("customer")
    @RateLimited
    @SecurityRequirement(name = "jwt")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Buy in a flash sale (Idempotency-Key required)")
    @APIResponse(responseCode = "200", description = "The same Idempotency-Key again: its order, or its decided ticket",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {
                    OrderViews.OrderView.class, FlashSaleViews.TicketView.class})))
    @APIResponse(responseCode = "201", description = "Order placed, PENDING_PAYMENT",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderViews.OrderView.class)))
    @APIResponse(responseCode = "202", description = "A queued sale: the purchase is queued; poll the ticket (Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FlashSaleViews.TicketView.class)))
    @APIResponse(responseCode = "400", description = "Missing Idempotency-Key, or a body that breaks its rules")
    @APIResponse(responseCode = "404", description = "No such sale")
    @APIResponse(responseCode = "409", description = "Sold out; or a request with this Idempotency-Key is in progress")
    @APIResponse(responseCode = "422", description = "Over the per-customer limit, or outside the sale's window")
    @APIResponse(responseCode = "429", description = "Too many requests from this customer or address (Retry-After)")
    @APIResponse(responseCode = "503", description = "Redis is down and the sale is configured to refuse then")
    public Response buy(@PathParam("id") long id, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                        @Valid @NotNull Purchase purchase) {
        IdempotencyKeys.require(idempotencyKey);
        FlashSaleOrders.Outcome outcome = orders.place(customer.id(), id, idempotencyKey, purchase.quantity());
        if (outcome instanceof FlashSaleOrders.Ticketed ticketed) {
            FlashSaleViews.TicketView view = FlashSaleViews.TicketView.of(ticketed.ticket());
            if (!ticketed.created() && !"QUEUED".equals(view.status())) {
                return Response.ok(view).build();
            }
            return Response.accepted(view).location(uriInfo.getBaseUriBuilder().path("flash-sales")
                    .path(String.valueOf(id)).path("tickets").path(view.ticketId()).build()).build();
        }
        Orders.Placement placement = ((FlashSaleOrders.Ordered) outcome).placement();
        OrderViews.OrderView view = placement.order();
        if (!placement.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uriInfo.getBaseUriBuilder().path("orders").path(String.valueOf(view.id())).build())
                .entity(view).build();
    }

    @GET
    @Path("{id}/tickets/{ticketId}")
    @RolesAllowed("customer")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "A queued purchase's ticket: QUEUED, ORDERED (with orderId) or FAILED (with reason)")
    @APIResponse(responseCode = "200", description = "The ticket")
    @APIResponse(responseCode = "404", description = "No such ticket of the caller's")
    public FlashSaleViews.TicketView ticket(@PathParam("id") long id, @PathParam("ticketId") String ticketId) {
        if (ticketId.length() != 36) {
            throw ProblemException.notFound("Ticket " + ticketId);
        }
        return FlashSaleViews.TicketView.of(orders.ticket(customer.id(), id, ticketId));
    }
}
