package dev.mall.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The SQL a search runs: built from constant fragments, every client value a bound parameter. */
class ProductSearchTest {

    @Test
    void keywordsAreMatchedInBooleanModeAndRankedByScore() {
        SearchCriteria criteria = SearchCriteria.parse("Assam'; DROP TABLE product; --", null, null, null, null, "2", "10");
        ProductSearch.Statements statements = ProductSearch.statements(criteria);

        assertThat(statements.page())
                .contains("MATCH (p.name, p.description) AGAINST (:terms IN BOOLEAN MODE) AS score")
                .contains("AND MATCH (p.name, p.description) AGAINST (:terms IN BOOLEAN MODE)")
                .endsWith("ORDER BY score DESC, p.id DESC LIMIT :limit OFFSET :offset")
                .doesNotContainIgnoringCase("assam").doesNotContain("DROP").doesNotContain("LIKE")
                .doesNotContain("WITH RECURSIVE");
        assertThat(statements.count()).startsWith("SELECT COUNT(*) FROM product p").doesNotContain("LIMIT");
        assertThat(statements.parameters()).containsEntry("terms", "assam* drop* table* product*")
                .containsEntry("limit", 10).containsEntry("offset", 20L);
    }

    @Test
    void aCategoryIncludesItsSubtreeThroughARecursiveQuery() {
        ProductSearch.Statements statements = ProductSearch.statements(
                SearchCriteria.parse(null, "7", null, null, null, null, null));
        assertThat(statements.page()).startsWith("WITH RECURSIVE subtree (id) AS (")
                .contains("JOIN subtree t ON c.parent_id = t.id")
                .contains("p.category_id IN (SELECT t.id FROM subtree t)")
                .contains("0 AS score")
                .endsWith("ORDER BY p.created_at DESC, p.id DESC LIMIT :limit OFFSET :offset");
        assertThat(statements.count()).startsWith("WITH RECURSIVE subtree");
        assertThat(statements.parameters()).containsEntry("category", 7L).doesNotContainKey("terms");
    }

    @Test
    void thePriceRangeAppliesToTheLowestSkuPrice() {
        ProductSearch.Statements statements = ProductSearch.statements(
                SearchCriteria.parse(null, null, "5", "20", "price_asc", null, null));
        String lowest = "(SELECT MIN(k.price) FROM sku k WHERE k.product_id = p.id)";
        assertThat(statements.page()).contains(lowest + " >= :minPrice").contains(lowest + " <= :maxPrice")
                .contains("ORDER BY price ASC, p.id ASC");
        assertThat(statements.count()).contains(lowest + " >= :minPrice").contains(lowest + " <= :maxPrice");
        assertThat(statements.parameters()).containsEntry("minPrice", new BigDecimal("5.00"))
                .containsEntry("maxPrice", new BigDecimal("20.00"));
    }

    @Test
    void everySortEndsOnTheIdSoThatPagesAreStable() {
        for (SearchCriteria.Sort sort : SearchCriteria.Sort.values()) {
            assertThat(ProductSearch.orderBy(sort)).contains("p.id");
        }
        assertThat(ProductSearch.orderBy(SearchCriteria.Sort.PRICE_DESC)).isEqualTo("price DESC, p.id DESC");
    }
}
