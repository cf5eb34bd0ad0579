package dev.mall.catalog.control;

import dev.mall.catalog.entity.Category;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches the catalog with native SQL on the inventory database (see {@link SearchCriteria} for the FULLTEXT mode).
 * No transaction: each of the two statements (the page and the count) reads committed data.
 * <p>
 * A product's price is its lowest SKU price and its availability the sum of {@code on_hand - reserved} over its SKUs,
 * each a correlated subquery on the indexed {@code sku.product_id} and the stock primary key, so each costs a few
 * index lookups per candidate product and the outer query needs no GROUP BY (which would also have to group the
 * MATCH score). The SQL text is assembled from constant fragments only; every value the client sent is a bound
 * parameter. LIMIT and OFFSET are written into the statement, not set through setFirstResult/setMaxResults, so that
 * the statement that runs is exactly the one written here, WITH clause included.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class ProductSearch {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    /** One product as a search lists it. */
    public record Hit(long id, String name, BigDecimal price, long categoryId, long available) {
    }

    public record Result(List<Hit> items, long total) {
    }

    /** The two statements of one search and their parameters. */
    record Statements(String page, String count, Map<String, Object> parameters) {
    }

    private static final String MATCH = "MATCH (p.name, p.description) AGAINST (:terms IN BOOLEAN MODE)";
    private static final String LOWEST_PRICE = "(SELECT MIN(k.price) FROM sku k WHERE k.product_id = p.id)";
    // Ordinary stock only (pool 0, all buckets): units held for a flash sale are not for sale here.
    private static final String AVAILABLE = "(SELECT COALESCE(SUM(s.on_hand - s.reserved), 0)"
            + " FROM sku k JOIN stock s ON s.sku_id = k.id AND s.pool = 0 WHERE k.product_id = p.id)";
    // UNION, not UNION ALL: should the tree ever contain a cycle, the recursion ends when no new id appears.
    private static final String SUBTREE = "WITH RECURSIVE subtree (id) AS ("
            + "SELECT c.id FROM category c WHERE c.id = :category"
            + " UNION SELECT c.id FROM category c JOIN subtree t ON c.parent_id = t.id) ";

    /** 400 if the category does not exist; otherwise one page of hits and the total number of hits. */
    public Result search(SearchCriteria criteria) {
        if (criteria.categoryId() != null && inventory.find(Category.class, criteria.categoryId()) == null) {
            throw Refusal.invalid(List.of(new Refusal.Field("category", "no such category")));
        }
        Statements statements = statements(criteria);
        Query page = inventory.createNativeQuery(statements.page());
        Query count = inventory.createNativeQuery(statements.count());
        statements.parameters().forEach((name, value) -> {
            page.setParameter(name, value);
            if (!"limit".equals(name) && !"offset".equals(name)) {
                count.setParameter(name, value);
            }
        });
        List<Hit> hits = new ArrayList<>();
        for (Object row : page.getResultList()) {
            Object[] columns = (Object[]) row;
            hits.add(new Hit(((Number) columns[0]).longValue(), (String) columns[1], money(columns[3]),
                    ((Number) columns[2]).longValue(), ((Number) columns[4]).longValue()));
        }
        // A first page that is not full is the whole result: no need to count.
        long total = criteria.page() == 0 && hits.size() < criteria.size()
                ? hits.size()
                : ((Number) count.getSingleResult()).longValue();
        return new Result(hits, total);
    }

    static Statements statements(SearchCriteria criteria) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" FROM product p WHERE EXISTS (SELECT 1 FROM sku k WHERE k.product_id = p.id)");
        if (criteria.hasKeywords()) {
            where.append(" AND ").append(MATCH);
            parameters.put("terms", criteria.booleanQuery());
        }
        if (criteria.categoryId() != null) {
            where.append(" AND p.category_id IN (SELECT t.id FROM subtree t)");
            parameters.put("category", criteria.categoryId());
        }
        if (criteria.minPrice() != null) {
            where.append(" AND ").append(LOWEST_PRICE).append(" >= :minPrice");
            parameters.put("minPrice", criteria.minPrice());
        }
        if (criteria.maxPrice() != null) {
            where.append(" AND ").append(LOWEST_PRICE).append(" <= :maxPrice");
            parameters.put("maxPrice", criteria.maxPrice());
        }
        String with = criteria.categoryId() != null ? SUBTREE : "";
        String page = with + "SELECT p.id, p.name, p.category_id, " + LOWEST_PRICE + " AS price, " + AVAILABLE
                + " AS available, " + (criteria.hasKeywords() ? MATCH : "0") + " AS score"
                + where + " ORDER BY " + orderBy(criteria.sort()) + " LIMIT :limit OFFSET :offset";
        String count = with + "SELECT COUNT(*)" + where;
        parameters.put("limit", criteria.size());
        parameters.put("offset", criteria.offset());
        return new Statements(page, count, parameters);
    }

    /** Every order ends on the id, so that pages neither repeat nor skip products that tie. */
    static String orderBy(SearchCriteria.Sort sort) {
        return switch (sort) {
            case RELEVANCE -> "score DESC, p.id DESC";
            case PRICE_ASC -> "price ASC, p.id ASC";
            case PRICE_DESC -> "price DESC, p.id DESC";
            case NEWEST -> "p.created_at DESC, p.id DESC";
        };
    }

    private static BigDecimal money(Object value) {
        BigDecimal amount = value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
