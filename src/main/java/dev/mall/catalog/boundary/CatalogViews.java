package dev.mall.catalog.boundary;

import dev.mall.catalog.entity.Category;
import dev.mall.catalog.entity.Product;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** REST shapes of the catalog (API.md "Catalog"); money as a decimal string. */
public final class CatalogViews {

    private CatalogViews() {
    }

    public record SkuView(long id, String name, String price, int available) {
    }

    public record ProductView(long id, String name, String description, long categoryId, List<SkuView> skus) {
    }

    public record CategoryView(long id, String name, Long parentId) {
    }

    public record CategoryNode(long id, String name, List<CategoryNode> children) {
    }

    public static ProductView of(Product product, Map<Long, Integer> available) {
        return new ProductView(product.id(), product.name(), product.description(), product.categoryId(),
                product.skus().stream().map(sku -> new SkuView(sku.id(), sku.name(), sku.price().toPlainString(),
                        available.getOrDefault(sku.id(), 0))).toList());
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
