package dev.mall.ordering.boundary;

import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.entity.CustomerOrder;

import dev.mall.ordering.control.OrderQueries;
import dev.mall.ordering.control.OrderRefunds;
import dev.mall.ordering.control.OrderShipping;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.platform.problem.Problem;
import dev.mall.platform.rest.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every customer's orders for the shop's administrators: list, read, ship, deliver, refund. */
@Path("admin/orders")
@Tag(name = "admin")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AdminOrdersResource {

    @Inject
    Inventory inventory;

    @Inject
    OrderQueries queries;

    @Inject
    OrderShipping shipping;

    @Inject
    OrderRefunds refunds;

    @GET
    @Operation(summary = "All customers' orders, newest first, optionally of one status")
    @APIResponse(responseCode = "200", description = "One page of orders and their total number",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderViews.AdminOrderPage.class)))
    @APIResponse(responseCode = "400", description = "Unknown status, or page/size not a whole number in range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public OrderViews.AdminOrderPage list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"PENDING_PAYMENT", "PAID", "SHIPPED",
                    "COMPLETED", "CANCELLED", "EXPIRED", "REFUNDED"})) @QueryParam("status") String status,
            @Parameter(description = "page number, from 0", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "orders per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        QueryParameters parameters = new QueryParameters();
        OrderStatus filter = null;
        if (!QueryParameters.isAbsent(status)) {
            filter = Arrays.stream(OrderStatus.values()).filter(s -> s.name().equals(status.strip())).findFirst()
                    .orElse(null);
            if (filter == null) {
                parameters.reject("status", "must be one of " + Arrays.stream(OrderStatus.values())
                        .map(OrderStatus::name).collect(Collectors.joining(", ")));
            }
        }
        int pageNumber = parameters.page(page);
        int pageSize = parameters.size(size);
        parameters.throwIfInvalid();
        OrderQueries.Page result = queries.all(filter, pageNumber, pageSize);
        return new OrderViews.AdminOrderPage(result.items().stream().map(OrderViews::forAdmin).toList(),
                result.page(), result.size(), result.total());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Any customer's order")
    @APIResponse(responseCode = "200", description = "The order", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.AdminOrderView.class)))
    @APIResponse(responseCode = "404", description = "No such order")
    public OrderViews.AdminOrderView get(@PathParam("id") long id) {
        CustomerOrder order = queries.byId(id);
        return OrderViews.forAdmin(order, inventory.allocations(order.orderId()));
    }

    /** The parcel an order leaves in: the carrier's name and its tracking number (which its callback will name). */
    public record ShipRequest(
            @Schema(example = "DHL") @NotBlank
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}",
                    message = "must be 1 to 40 letters, digits, spaces, dots, underscores or hyphens") String carrier,
            @Schema(example = "JD014600006281230704") @NotNull
            @Pattern(regexp = "[A-Za-z0-9-]{4,64}", message = "must be 4 to 64 letters, digits or hyphens")
            String trackingNumber) {
    }

    @POST
    @Path("{id}/ship")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ship a paid order with its parcel's carrier and tracking number: PAID → SHIPPED",
            description = "Publishes OrderShipped (with carrier and trackingNumber). A tracking number of one carrier "
                    + "ships one order: the carrier's delivery callback names the parcel, not the order.")
    @APIResponse(responseCode = "200", description = "Shipped", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.AdminOrderView.class)))
    @APIResponse(responseCode = "400", description = "No body, or carrier or trackingNumber missing or malformed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "No such order")
    @APIResponse(responseCode = "409", description = "The order is not PAID, or another order was shipped with this "
            + "carrier and tracking number; nothing changed")
    public OrderViews.AdminOrderView ship(@PathParam("id") long id, @Valid @NotNull ShipRequest request) {
        return shipping.ship(id, request.carrier().strip(), request.trackingNumber(), OrderViews::forAdmin);
    }

    /**
     * v1's ship, kept for its clients: no body (and so no JSON Content-Type, which selects the method above). The
     * order is SHIPPED without a parcel: no {@code shipment} in its answer, and only {@code deliver} completes it.
     */
    @POST
    @Path("{id}/ship")
    @Operation(hidden = true)
    public OrderViews.AdminOrderView shipWithoutParcel(@PathParam("id") long id) {
        return shipping.ship(id, null, null, OrderViews::forAdmin);
    }

    @POST
    @Path("{id}/deliver")
    @Operation(summary = "Record a shipped order's delivery: SHIPPED → COMPLETED",
            description = "Publishes OrderDelivered. The carrier may report the same through its signed callback "
                    + "(POST /api/shipping/callback).")
    @APIResponse(responseCode = "200", description = "Delivered: COMPLETED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.AdminOrderView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "No such order")
    @APIResponse(responseCode = "409", description = "The order is not SHIPPED; nothing changed")
    public OrderViews.AdminOrderView deliver(@PathParam("id") long id) {
        return shipping.deliver(id, OrderViews::forAdmin);
    }

    /** The optional body of a refund: a part of what is left to refund; without it, all of it. */
    public record RefundRequest(@Schema(description = "a part of the paid amount; omit to refund all that is left",
            example = "5.00") java.math.BigDecimal amount) {
    }

    @POST
    @Path("{id}/refund")
    @Operation(summary = "Refund a paid order through the payment provider, all of it or a part",
            description = "The provider is asked (signed, idempotent) and the refund recorded on the payment in one "
                    + "transaction. The refund that brings the payment to zero makes the order REFUNDED; a part "
                    + "leaves it PAID. With an Idempotency-Key the same request again answers the same refund. The sold "
                    + "units stay sold (count returned goods in with PUT /api/admin/skus/{id}/stock).")
    @APIResponse(responseCode = "200", description = "Refunded", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.AdminOrderView.class)))
    @APIResponse(responseCode = "400", description = "amount not positive, more than 2 decimals, or more than is left")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "No such order")
    @APIResponse(responseCode = "409", description = "The order is not PAID, or the provider refused; nothing changed")
    @APIResponse(responseCode = "502", description = "The provider did not answer; nothing changed")
    public OrderViews.AdminOrderView refund(@PathParam("id") long id,
            @jakarta.ws.rs.HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RefundRequest.class))) String body) {
        if (idempotencyKey != null) {
            IdempotencyKeys.require(idempotencyKey);
        }
        return refunds.refund(id, amount(body), idempotencyKey, OrderViews::forAdmin);
    }

    /** The optional body: nothing (or no amount) refunds all that is left. */
    private static java.math.BigDecimal amount(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        jakarta.json.JsonValue amount;
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            amount = reader.readObject().get("amount");
        } catch (RuntimeException e) {
            throw dev.mall.platform.problem.ProblemException.malformedBody();
        }
        if (amount == null || amount.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            return amount instanceof jakarta.json.JsonNumber number ? number.bigDecimalValue()
                    : new java.math.BigDecimal(((jakarta.json.JsonString) amount).getString());
        } catch (RuntimeException e) {
            throw dev.mall.platform.problem.ProblemException.invalid(java.util.List.of(
                    new Problem.FieldError("amount", "must be a decimal amount")));
        }
    }
}
