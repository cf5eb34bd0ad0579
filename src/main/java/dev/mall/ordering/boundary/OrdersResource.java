package dev.mall.ordering.boundary;

import dev.mall.identity.boundary.CurrentCustomer;
import dev.mall.ordering.control.OrderCancellation;
import dev.mall.ordering.control.OrderQueries;
import dev.mall.ordering.control.OrderRequest;
import dev.mall.ordering.control.PlaceOrder;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.payment.entity.GatewayOutcome;
import dev.mall.payment.entity.Payment;
import dev.mall.platform.ratelimit.RateLimited;
import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's orders: place (idempotent), read, cancel, pay. Another customer's order is always 404. */
@Path("orders")
@Tag(name = "orders")
@RolesAllowed("customer")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;

    @Inject
    CurrentCustomer customer;

    @Inject
    PlaceOrder placeOrder;

    @Inject
    OrderQueries queries;

    @Inject
    OrderCancellation cancellation;

    @Inject
    PaymentLedger payments;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mall.payment.callback-url")
    Optional<URI> callbackUrl;

    @Context
    UriInfo uriInfo;

    public record Item(@Schema(example = "7") @NotNull @Positive Long skuId,
                       @Schema(example = "2") @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    public record PlaceOrderRequest(
            @Schema(description = "the lines to order; or leave out and send fromCart") @Size(min = 1, max = 50)
            List<@Valid @NotNull Item> items,
            @Schema(description = "true: order the lines of the caller's cart, which the order empties", example = "true")
            Boolean fromCart) {
    }

    public record PayRequest(@Schema(example = "SUCCESS", enumeration = {"SUCCESS", "FAILURE"}) @NotNull @Pattern(regexp = "SUCCESS|FAILURE", message = "must be SUCCESS or FAILURE") String outcome) {
    }

    public record PaymentStarted(@Schema(example = "17") long paymentId, @Schema(example = "PENDING") String status) {
    }

    @POST
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order: reserves the stock until it is paid or the reservation times out",
            description = "Either the items in the body, or {\"fromCart\": true}: the cart's lines are ordered and "
                    + "removed from the cart in the same transaction as the order and its stock reservation (a "
                    + "failed order leaves the cart as it was).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlaceOrderRequest.class),
            examples = {
                    @ExampleObject(name = "items", value = "{\"items\": [{\"skuId\": 7, \"quantity\": 2}]}"),
                    @ExampleObject(name = "fromCart", value = "{\"fromCart\": true}")}))
    @APIResponse(responseCode = "201", description = "Placed; status PENDING_PAYMENT with expiresAt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.OrderView.class)))
    @APIResponse(responseCode = "200", description = "The same Idempotency-Key was used before: that order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.OrderView.class)))
    @APIResponse(responseCode = "400", description = "Missing Idempotency-Key, bad body, unknown SKU, or an empty cart",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Insufficient stock, stock too contended right now, or the cart "
            + "changed while the order was placed", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(
            @Parameter(description = "Client-chosen key, unique per order: repeats return the same order", required = true)
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull PlaceOrderRequest request) {
        IdempotencyKeys.require(idempotencyKey);
        if (Boolean.TRUE.equals(request.fromCart())) {
            if (request.items() != null) {
                throw ProblemException.invalid(List.of(new Problem.FieldError("fromCart",
                        "send either items or fromCart, not both")));
            }
            return answer(placeOrder.placeFromCart(customer.id(), idempotencyKey));
        }
        if (request.items() == null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("items", "must not be empty")));
        }
        OrderRequest order;
        try {
            order = OrderRequest.of(request.items().stream()
                    .map(item -> (Map.Entry<Long, Integer>) new AbstractMap.SimpleEntry<>(item.skuId(), item.quantity()))
                    .toList());
        } catch (ArithmeticException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("items", "quantities are too large")));
        }
        if (order.quantities().values().stream().anyMatch(quantity -> quantity > 1000)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("items",
                    "at most 1000 units of one SKU per order")));
        }
        return answer(placeOrder.place(customer.id(), idempotencyKey, order));
    }

    /** 201 with the new order, or 200 with the order an earlier request with the same key placed. */
    private Response answer(PlaceOrder.Placement placement) {
        OrderViews.OrderView view = OrderViews.of(placement.order());
        if (!placement.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uriInfo.getBaseUriBuilder().path("orders").path(String.valueOf(view.id())).build())
                .entity(view).build();
    }

    @GET
    @Operation(summary = "The caller's orders, newest first")
    public OrderViews.OrderPage list(@QueryParam("status") String status,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                     @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        OrderStatus filter = null;
        if (status != null && !status.isBlank()) {
            try {
                filter = OrderStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(List.of(new Problem.FieldError("status", "unknown order status")));
            }
        }
        OrderQueries.Page result = queries.ofCustomer(customer.id(), filter, page, size);
        return new OrderViews.OrderPage(result.items().stream().map(OrderViews::of).toList(), result.page(),
                result.size(), result.total());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's orders")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    public OrderViews.OrderView get(@PathParam("id") long id) {
        return OrderViews.of(queries.ownedBy(customer.id(), id));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel an unpaid order: its stock is released")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "409", description = "The order is not PENDING_PAYMENT")
    public OrderViews.OrderView cancel(@PathParam("id") long id) {
        return OrderViews.of(cancellation.cancel(customer.id(), id));
    }

    @POST
    @Path("{id}/pay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pay with the mock gateway; the order turns PAID when the gateway's callback is processed")
    @APIResponse(responseCode = "202", description = "Payment started", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentStarted.class)))
    @APIResponse(responseCode = "409", description = "The order is not payable (paid, cancelled, expired)")
    public Response pay(@PathParam("id") long id, @Valid @NotNull PayRequest request) {
        CustomerOrder order = queries.ownedBy(customer.id(), id);
        if (!order.isPayable(clock.instant())) {
            throw ProblemException.conflict("order-state", "Order state conflict",
                    "Order " + id + " is " + order.status() + (order.status() == OrderStatus.PENDING_PAYMENT
                            ? " but its reservation has run out" : "") + " and cannot be paid.");
        }
        URI callback = callbackUrl.orElseGet(() -> uriInfo.getBaseUriBuilder().path("payments/callback").build());
        Payment payment = payments.start(order.id(), order.customerId(), order.total(),
                GatewayOutcome.valueOf(request.outcome()), callback);
        return Response.accepted(new PaymentStarted(payment.id(), payment.status().name())).build();
    }
}
