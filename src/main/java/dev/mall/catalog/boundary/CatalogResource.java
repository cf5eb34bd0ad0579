package dev.mall.catalog.boundary;

import dev.mall.catalog.control.Catalog;
import dev.mall.catalog.control.ProductSearch;
import dev.mall.catalog.control.SearchCriteria;
import dev.mall.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    @Inject
    ProductSearch search;

    @GET
    @Path("categories")
    @Operation(summary = "The category tree")
    public List<CatalogViews.CategoryNode> categories() {
        return CatalogViews.tree(catalog.categories());
    }

    /**
     * The parameters arrive as strings on purpose: a number that does not parse must be a 400 naming the parameter,
     * which Jakarta REST's own conversion (a 404) would not give (see QueryParameters).
     */
    @GET
    @Path("products")
    @Operation(summary = "Search the catalog",
            description = "Keywords are matched against product names and descriptions (full-text, every word also "
                    + "as a prefix: 'assa' finds 'Assam'; words under 3 characters are ignored). A product's price is "
                    + "its lowest SKU price, its availability the units available over all its SKUs. Without "
                    + "keywords, sort=relevance lists the newest first.")
    @APIResponse(responseCode = "200", description = "One page of matching products and their total number",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogViews.ProductPage.class)))
    @APIResponse(responseCode = "400", description = "An invalid parameter (each is named in errors) or an unknown "
            + "category")
    public CatalogViews.ProductPage search(
            @Parameter(description = "keywords", example = "assam") @QueryParam("q") String q,
            @Parameter(description = "category id; its sub-categories are included",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("category") String category,
            @Parameter(description = "lowest product price, inclusive",
                    schema = @Schema(type = SchemaType.STRING, example = "5.00")) @QueryParam("minPrice") String minPrice,
            @Parameter(description = "highest product price, inclusive",
                    schema = @Schema(type = SchemaType.STRING, example = "20.00")) @QueryParam("maxPrice") String maxPrice,
            @Parameter(description = "relevance (default with keywords), price_asc, price_desc, newest (default "
                    + "without keywords)", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"relevance", "price_asc", "price_desc", "newest"})) @QueryParam("sort") String sort,
            @Parameter(description = "page number, from 0",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "products per page, 1 to 100",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size) {
        SearchCriteria criteria = SearchCriteria.parse(q, category, minPrice, maxPrice, sort, page, size);
        return CatalogViews.of(search.search(criteria), criteria.page(), criteria.size());
    }

    @GET
    @Path("products/{id}")
    @Operation(summary = "A product with its SKUs, prices and units available now",
            description = "Names, description and prices may come from this server's cache (changes show at once "
                    + "on the server that made them, within 30 s on others); availability is always read live.")
    @APIResponse(responseCode = "200", description = "The product",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogViews.ProductView.class)))
    @APIResponse(responseCode = "404", description = "No such product")
    public CatalogViews.ProductView product(@PathParam("id") long id) {
        return catalog.details(id)
                .map(product -> CatalogViews.of(product, catalog.available(product.skuIds())))
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
    }
}
