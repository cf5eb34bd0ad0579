package dev.mall.ordering.boundary;

import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.entity.CustomerOrder;

import dev.mall.identity.boundary.CurrentCustomer;
import dev.mall.ordering.control.OrderCancellation;
import dev.mall.ordering.control.OrderPayments;
import dev.mall.ordering.control.OrderQueries;
import dev.mall.ordering.control.OrderReturns;
import dev.mall.ordering.control.PlaceOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger.Checkout;
import dev.mall.payment.boundary.GatewayOutcome;
import dev.mall.platform.ratelimit.RateLimited;
import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    Inventory inventory;

    @Inject
    CurrentCustomer customer;

    @Inject
    PlaceOrder placeOrder;

    @Inject
    OrderQueries queries;

    @Inject
    OrderCancellation cancellation;

    @Inject
    OrderPayments payments;

    @Inject
    OrderReturns returns;

    /** Off by default: only a test or benchmark server lets the body of /pay choose the checkout's outcome. */
    @Inject
    @ConfigProperty(name = "MALL_PAYMENT_TEST_MODE", defaultValue = "false")
    boolean paymentTestMode;

    @Context
    UriInfo uriInfo;

    public record Item(@Schema(example = "7") @NotNull @Positive Long skuId,
                       @Schema(example = "2") @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    public record PlaceOrderRequest(
            @Schema(description = "the lines to order; or leave out and send fromCart") @Size(min = 1, max = 50)
            List<@Valid @NotNull Item> items,
            @Schema(description = "true: order the lines of the caller's cart, which the order empties", example = "true")
            Boolean fromCart,
            @Schema(description = "where the order goes; optional (an order without one can still be shipped)")
            @Valid ShippingAddressRequest shippingAddress,
            @Schema(description = "a coupon's code (letters are read upper-case); optional", example = "TEA10")
            @Pattern(regexp = COUPON_CODE, message = COUPON_CODE_RULE) String couponCode) {
    }

    /** A coupon's code as clients may send it (stored and compared upper-case). */
    public static final String COUPON_CODE = "[A-Za-z0-9-]{3,40}";
    public static final String COUPON_CODE_RULE = "must be 3 to 40 letters, digits or hyphens";

    /** Printable text without control characters (no line breaks or tabs inside a field). */
    static final String PRINTABLE = "[^\\p{Cntrl}]*";

    public record ShippingAddressRequest(
            @Schema(example = "Ann Example") @NotBlank @Size(max = 100)
            @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String name,
            @Schema(example = "1 Tea Street") @NotBlank @Size(max = 200)
            @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String line1,
            @Schema(example = "Flat 2") @Size(max = 200)
            @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String line2,
            @Schema(example = "Leeds") @NotBlank @Size(max = 100)
            @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String city,
            @Schema(example = "LS1 4AP") @NotNull
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 -]{0,15}",
                    message = "must be 1 to 16 letters, digits, spaces or hyphens, starting with a letter or digit")
            String postalCode,
            @Schema(example = "GB") @NotNull
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code such as GB or DE")
            String country) {

        OrderRequest.Address toAddress() {
            return new OrderRequest.Address(name.strip(), line1.strip(),
                    line2 == null || line2.isBlank() ? null : line2.strip(), city.strip(), postalCode.strip(), country);
        }
    }

    public record PayRequest(@Schema(description = "honoured only when MALL_PAYMENT_TEST_MODE=true (tests, "
            + "benchmarks): the checkout page is then submitted with this outcome; otherwise ignored",
            example = "SUCCESS", enumeration = {"SUCCESS", "FAILURE"})
                             String outcome) {
    }

    public record PaymentStarted(@Schema(example = "17") long paymentId, @Schema(example = "PENDING") String status,
                                 @Schema(description = "the provider's hosted checkout page to send the customer to",
                                         example = "http://127.0.0.1:9080/provider/checkout?payment=17&order=42&amount=29.80&sig=sha256%3D...")
                                 String checkoutUrl) {
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
    @APIResponse(responseCode = "400", description = "Missing Idempotency-Key, bad body, unknown SKU, or an empty cart")
    @APIResponse(responseCode = "409", description = "Insufficient stock, stock too contended right now, or the cart "
            + "changed while the order was placed")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different order")
    @APIResponse(responseCode = "429", description = "Too many requests from this customer or address (Retry-After)")
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
            return answer(placeOrder.placeFromCart(customer.id(), idempotencyKey, address(request),
                    coupon(request)));
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
        return answer(placeOrder.place(customer.id(), idempotencyKey, order.shippedTo(address(request))
                .withCoupon(coupon(request))));
    }

    private static String coupon(PlaceOrderRequest request) {
        return request.couponCode() == null ? null : request.couponCode().toUpperCase(java.util.Locale.ROOT);
    }

    private static OrderRequest.Address address(PlaceOrderRequest request) {
        return request.shippingAddress() == null ? null : request.shippingAddress().toAddress();
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
    @APIResponse(responseCode = "200", description = "One page of the caller's orders",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderViews.OrderPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown status, or page/size out of range")
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
        CustomerOrder order = queries.ownedBy(customer.id(), id);
        return OrderViews.of(order, inventory.allocations(order.orderId()));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel an unpaid order: its stock is released")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    @APIResponse(responseCode = "409", description = "The order is not PENDING_PAYMENT")
    public OrderViews.OrderView cancel(@PathParam("id") long id) {
        return cancellation.cancel(customer.id(), id, OrderViews::of);
    }

    @POST
    @Path("{id}/pay")
    @Operation(summary = "Pay at the provider's hosted checkout",
            description = "Opens the order's payment and answers the provider's checkoutUrl, where the customer chooses "
                    + "to pay. The order turns PAID only when the provider's signed callback has been processed. The "
                    + "same open payment again answers 200 with the same checkoutUrl; after a FAILED payment a new "
                    + "one is opened. No body is needed; {\"outcome\"} is honoured only with MALL_PAYMENT_TEST_MODE.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PayRequest.class)))
    @APIResponse(responseCode = "201", description = "Payment opened: {paymentId, status PENDING, checkoutUrl}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentStarted.class)))
    @APIResponse(responseCode = "200", description = "The order's open payment, the same checkoutUrl",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentStarted.class)))
    @APIResponse(responseCode = "400", description = "A body that is not {\"outcome\": \"SUCCESS\"|\"FAILURE\"}")
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    @APIResponse(responseCode = "409", description = "The order is not payable (paid, cancelled, expired)")
    public Response pay(@PathParam("id") long id, String body) {
        Optional<GatewayOutcome> outcome = requestedOutcome(body);
        Checkout checkout = payments.pay(customer.id(), id, paymentTestMode ? outcome : Optional.empty());
        PaymentStarted started = new PaymentStarted(checkout.paymentId(), checkout.status().name(),
                checkout.checkoutUrl().toString());
        return (checkout.created() ? Response.status(Response.Status.CREATED) : Response.ok()).entity(started).build();
    }

    public record ReturnItem(@Schema(example = "7") @NotNull @Positive Long skuId,
                             @Schema(example = "1") @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    public record ReturnRequest(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull ReturnItem> lines,
                                @Schema(example = "too small") @NotBlank @Size(max = 500)
                                @Pattern(regexp = PRINTABLE, message = "must not contain control characters")
                                String reason) {
    }

    @POST
    @Path("{id}/returns")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask to return units of a shipped or completed order",
            description = "At most what was shipped less what the order's other returns (not rejected) claim. An "
                    + "administrator then approves (the refund of these lines, less their share of the coupon) or "
                    + "rejects it.")
    @APIResponse(responseCode = "201", description = "Requested", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderViews.ReturnView.class)))
    @APIResponse(responseCode = "400", description = "A bad body, a SKU not in the order, or more units than can still "
            + "be returned")
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    @APIResponse(responseCode = "409", description = "The order is neither SHIPPED nor COMPLETED")
    public Response requestReturn(@PathParam("id") long id, @Valid @NotNull ReturnRequest request) {
        java.util.SortedMap<Long, Integer> units = new java.util.TreeMap<>();
        request.lines().forEach(line -> units.merge(line.skuId(), line.quantity(), Integer::sum));
        OrderViews.ReturnView view = returns.request(customer.id(), id, units, request.reason().strip(),
                OrderViews::ofReturn);
        return Response.created(uriInfo.getBaseUriBuilder().path("orders").path(String.valueOf(id)).path("returns")
                .build()).entity(view).build();
    }

    @GET
    @Path("{id}/returns")
    @Operation(summary = "The returns of one of the caller's orders, oldest first")
    @APIResponse(responseCode = "200", description = "The returns", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = OrderViews.ReturnView.class)))
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    public List<OrderViews.ReturnView> returns(@PathParam("id") long id) {
        return returns.ofOrder(customer.id(), id, OrderViews::ofReturn);
    }

    /** The optional body of /pay: nothing, or {"outcome": …}, checked even where it is ignored (so errors are stable). */
    private static Optional<GatewayOutcome> requestedOutcome(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        PayRequest request;
        try {
            request = JSON.fromJson(body, PayRequest.class);
        } catch (JsonbException e) {
            throw ProblemException.malformedBody();
        }
        if (request == null || request.outcome() == null) {
            return Optional.empty();
        }
        if (!request.outcome().equals("SUCCESS") && !request.outcome().equals("FAILURE")) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("outcome", "must be SUCCESS or FAILURE")));
        }
        return Optional.of(GatewayOutcome.valueOf(request.outcome()));
    }
}
