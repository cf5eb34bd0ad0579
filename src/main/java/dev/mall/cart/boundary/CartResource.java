package dev.mall.cart.boundary;

import dev.mall.cart.control.CartPricing;
import dev.mall.cart.control.Carts;
import dev.mall.cart.entity.CartItem;
import dev.mall.catalog.boundary.SkuPrices;
import dev.mall.identity.boundary.CurrentCustomer;
import dev.mall.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's cart. Changes answer the whole cart as GET shows it, so a client redraws it without another request.
 * Putting more units than are in stock is allowed: availability is decided when the cart is ordered.
 */
@Path("cart")
@Tag(name = "cart")
@RolesAllowed("customer")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class CartResource {

    @Inject
    CurrentCustomer customer;

    @Inject
    Carts carts;

    @Inject
    SkuPrices prices;

    public record CartQuantity(@Schema(example = "2", description = "units of the SKU in the cart; 0 removes it")
                               @NotNull @Min(0) @Max(CartItem.MAX_QUANTITY) Integer quantity) {
    }

    @GET
    @Operation(summary = "The caller's cart, priced with the catalog's current prices")
    @APIResponse(responseCode = "200", description = "The cart (empty items and total 0.00 if nothing is in it)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CartViews.CartView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a customer")
    public CartViews.CartView cart() {
        return view(customer.id());
    }

    @PUT
    @Path("items/{skuId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the units of a SKU in the cart (0 removes it)")
    @APIResponse(responseCode = "200", description = "The cart after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CartViews.CartView.class)))
    @APIResponse(responseCode = "400", description = "Missing quantity or not 0 to 1000")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such SKU")
    @APIResponse(responseCode = "422", description = "The cart already holds 50 different SKUs")
    public CartViews.CartView put(@PathParam("skuId") long skuId, @Valid @NotNull CartQuantity request) {
        long customerId = customer.id();
        // Checked before the cart's transaction, which then writes the orders database only: a read of the inventory
        // database inside it would make every cart change a two-phase commit. SKUs are never deleted, so the answer
        // cannot go stale before the write.
        if (request.quantity() > 0 && prices.snapshots(List.of(skuId)).isEmpty()) {
            throw ProblemException.notFound("SKU " + skuId);
        }
        carts.put(customerId, skuId, request.quantity());
        return view(customerId);
    }

    @DELETE
    @Path("items/{skuId}")
    @Operation(summary = "Remove a SKU from the cart (nothing happens if it is not there)")
    @APIResponse(responseCode = "200", description = "The cart after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CartViews.CartView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    public CartViews.CartView remove(@PathParam("skuId") long skuId) {
        long customerId = customer.id();
        carts.remove(customerId, skuId);
        return view(customerId);
    }

    private CartViews.CartView view(long customerId) {
        List<CartPricing.Line> lines = carts.items(customerId).stream()
                .map(item -> new CartPricing.Line(item.skuId(), item.quantity()))
                .toList();
        return CartViews.of(CartPricing.price(lines,
                prices.snapshots(lines.stream().map(CartPricing.Line::skuId).toList())));
    }
}
