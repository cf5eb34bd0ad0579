package dev.mall.catalog.boundary;

import dev.mall.catalog.control.Catalog;
import dev.mall.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public catalog reads; no token needed. */
@Path("")
@Tag(name = "catalog")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    @Inject
    Catalog catalog;

    @GET
    @Path("categories")
    @Operation(summary = "The category tree")
    public List<CatalogViews.CategoryNode> categories() {
        return CatalogViews.tree(catalog.categories());
    }

    @GET
    @Path("products/{id}")
    @Operation(summary = "A product with its SKUs, prices and units available now")
    @APIResponse(responseCode = "200", description = "The product")
    @APIResponse(responseCode = "404", description = "No such product")
    public CatalogViews.ProductView product(@PathParam("id") long id) {
        return catalog.product(id)
                .map(product -> CatalogViews.of(product, catalog.available(product)))
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
    }
}
