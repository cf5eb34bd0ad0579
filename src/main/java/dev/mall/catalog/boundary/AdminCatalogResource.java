package dev.mall.catalog.boundary;

import dev.mall.catalog.control.Catalog;
import dev.mall.catalog.control.ProductDetails;
import dev.mall.catalog.entity.Category;
import dev.mall.catalog.entity.Product;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Catalog administration (admin group only). */
@Path("admin")
@Tag(name = "admin")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminCatalogResource {

    @Inject
    Catalog catalog;

    @Context
    UriInfo uriInfo;

    public record NewCategory(@NotBlank @Size(max = 100) String name, @Positive Long parentId) {
    }

    public record NewSku(@NotBlank @Size(max = 200) String name,
                         @NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal price,
                         @NotNull @Min(0) @Max(1_000_000) Integer initialStock) {
    }

    public record NewProduct(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description,
                             @NotNull @Positive Long categoryId,
                             @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull NewSku> skus) {
    }

    public record NewPrice(@Schema(example = "9.50") @NotNull @DecimalMin(value = "0.01")
                           @Digits(integer = 10, fraction = 2) BigDecimal price) {
    }

    @POST
    @Path("categories")
    @Operation(summary = "Create a category, optionally under a parent")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogViews.CategoryView.class)))
    public Response createCategory(@Valid @NotNull NewCategory request) {
        Category category = catalog.createCategory(request.name(), request.parentId());
        return Response.created(uriInfo.getBaseUriBuilder().path("categories").build())
                .entity(new CatalogViews.CategoryView(category.id(), category.name(), category.parentId())).build();
    }

    @POST
    @Path("products")
    @Operation(summary = "Create a product with its SKUs and their opening stock")
    @APIResponse(responseCode = "201", description = "Created, with its SKUs' ids and units available",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogViews.ProductView.class)))
    public Response createProduct(@Valid @NotNull NewProduct request) {
        Product product = catalog.createProduct(request.categoryId(), request.name(), request.description(),
                request.skus().stream().map(s -> new Catalog.NewSku(s.name(), s.price(), s.initialStock())).toList());
        return Response.created(uriInfo.getBaseUriBuilder().path("products").path(String.valueOf(product.id())).build())
                .entity(CatalogViews.of(product, catalog.available(product))).build();
    }

    @PUT
    @Path("skus/{id}/price")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a SKU's price",
            description = "Orders placed before keep their price; carts show the new one at once. The product's "
                    + "cached details are evicted when the change commits.")
    @APIResponse(responseCode = "200", description = "The product as GET /api/products/{id} shows it now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogViews.ProductView.class)))
    @APIResponse(responseCode = "400", description = "Missing, non-positive or over-precise price")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "No such SKU")
    public CatalogViews.ProductView reprice(@PathParam("id") long skuId, @Valid @NotNull NewPrice request) {
        ProductDetails product = catalog.reprice(skuId, request.price());
        return CatalogViews.of(product, catalog.available(product.skuIds()));
    }
}
