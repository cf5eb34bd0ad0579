package dev.mall.catalog.boundary;

import dev.mall.catalog.control.ProductDetails;
import dev.mall.catalog.control.ProductSearch;
import dev.mall.catalog.entity.Category;
import dev.mall.catalog.entity.Product;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** REST shapes of the catalog (docs/API.md "Catalog"); money as a decimal string. */
public final class CatalogViews {

    private CatalogViews() {
    }

    public record SkuView(@Schema(example = "7") long id,
                          @Schema(example = "100 g tin") String name,
                          @Schema(example = "8.90", description = "current price, 2 decimal places") String price,
                          @Schema(example = "42", description = "units on hand that no unpaid order holds") int available) {
    }

    public record ProductView(@Schema(example = "3") long id,
                              @Schema(example = "Assam Second Flush") String name,
                              @Schema(example = "Malty, full-bodied black tea from the Brahmaputra valley.") String description,
                              @Schema(example = "2") long categoryId,
                              List<SkuView> skus) {
    }

    /** A product as the search lists it. */
    public record ProductSummary(@Schema(example = "3") long id,
                                 @Schema(example = "Assam Second Flush") String name,
                                 @Schema(example = "8.90", description = "the lowest price of its SKUs") String price,
                                 @Schema(example = "2") long categoryId,
                                 @Schema(example = "95", description = "units available over all its SKUs") long available) {
    }

    public record ProductPage(List<ProductSummary> items,
                              @Schema(example = "0") int page,
                              @Schema(example = "20") int size,
                              @Schema(example = "1", description = "products matching the search, over all pages") long total) {
    }

    public record CategoryView(long id, String name, Long parentId) {
    }

    public record CategoryNode(long id, String name, List<CategoryNode> children) {
    }

    public static ProductView of(Product product, Map<Long, Integer> available) {
        return of(ProductDetails.of(product), available);
    }

    public static ProductView of(ProductDetails product, Map<Long, Integer> available) {
        return new ProductView(product.id(), product.name(), product.description(), product.categoryId(),
                product.skus().stream().map(sku -> new SkuView(sku.id(), sku.name(), sku.price().toPlainString(),
                        available.getOrDefault(sku.id(), 0))).toList());
    }

    public static ProductPage of(ProductSearch.Result result, int page, int size) {
        return new ProductPage(result.items().stream()
                .map(hit -> new ProductSummary(hit.id(), hit.name(), hit.price().toPlainString(), hit.categoryId(),
                        hit.available()))
                .toList(), page, size, result.total());
    }

    /** Builds the forest of categories from their parent links, children ordered by name. */
    public static List<CategoryNode> tree(List<Category> categories) {
        Map<Long, List<Category>> byParent = new HashMap<>();
        categories.forEach(c -> byParent.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c));
        return children(null, byParent);
    }

    private static List<CategoryNode> children(Long parent, Map<Long, List<Category>> byParent) {
        return byParent.getOrDefault(parent, List.of()).stream()
                .sorted(Comparator.comparing(Category::name).thenComparing(Category::id))
                .map(c -> new CategoryNode(c.id(), c.name(), children(c.id(), byParent)))
                .toList();
    }
}
