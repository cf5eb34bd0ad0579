package dev.mall.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The demo catalog is loaded through the same rules as an administrator's input, so it must satisfy them. */
class DemoCatalogTest {

    private static Stream<DemoCatalog.CategorySeed> allCategories(List<DemoCatalog.CategorySeed> categories) {
        return categories.stream().flatMap(c -> Stream.concat(Stream.of(c), allCategories(c.children())));
    }

    private static List<DemoCatalog.ProductSeed> products() {
        return DemoCatalog.CATEGORIES.stream().flatMap(DemoCatalog.CategorySeed::allProducts).toList();
    }

    @Test
    void aSmallTreeOfCategoriesWithSubCategories() {
        assertThat(DemoCatalog.CATEGORIES).hasSizeBetween(3, 6)
                .allSatisfy(root -> assertThat(root.children()).isNotEmpty());
        assertThat(allCategories(DemoCatalog.CATEGORIES).map(DemoCatalog.CategorySeed::name))
                .doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).isNotBlank().hasSizeLessThanOrEqualTo(100));
    }

    @Test
    void aboutFiftyProductsWithDistinctNamesAndRealDescriptions() {
        assertThat(DemoCatalog.productCount()).isBetween(45L, 60L);
        assertThat(products()).extracting(DemoCatalog.ProductSeed::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).isNotBlank().hasSizeLessThanOrEqualTo(200));
        assertThat(products()).allSatisfy(p -> assertThat(p.description()).hasSizeBetween(20, 4000));
    }

    @Test
    void oneToThreeSkusWithPricesAndStock() {
        assertThat(products()).allSatisfy(product -> {
            assertThat(product.skus()).hasSizeBetween(1, 3);
            Set<String> names = new HashSet<>();
            product.skus().forEach(sku -> {
                assertThat(names.add(sku.name())).as(product.name() + " / " + sku.name()).isTrue();
                assertThat(sku.price()).isPositive();
                assertThat(sku.price().scale()).isLessThanOrEqualTo(2);
                assertThat(sku.stock()).isBetween(1, 1_000_000);
            });
        });
    }

    @Test
    void theReadmeWalkThroughFindsExactlyOneDarjeeling() {
        assertThat(products()).filteredOn(p -> (p.name() + " " + p.description()).toLowerCase().contains("darjeeling"))
                .hasSize(1);
    }
}
