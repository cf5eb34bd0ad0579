package it.dev.mall.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * GET /api/products: keywords through the FULLTEXT index, category subtrees, price range, sorts and paging, and the
 * 400s. Every test makes its own categories and products with random letter-only keywords (FULLTEXT splits words on
 * anything else), so the products other tests left behind never match.
 */
class SearchIT {

    private final Shop shop = new Shop();

    @Test
    void productsMatchingMoreKeywordsRankHigherAndNonMatchingOnesAreNotListed() {
        String a = word();
        String b = word();
        long category = category("it-search-" + a, null);
        long both = product(category, a + " " + b + " teapot", "A teapot for the " + a + " ceremony.", "20.00", 5);
        long onlyA = product(category, a + " kettle", "An ordinary kettle.", "15.00", 5);
        long onlyB = product(category, "Stove kettle", "Made for the " + b + " stove.", "15.00", 5);
        long neither = product(category, "Plain kettle", "Nothing special about it.", "15.00", 5);

        JsonPath hits = search(Map.of("q", a + " " + b));
        assertThat(ids(hits)).containsExactlyInAnyOrder(both, onlyA, onlyB).doesNotContain(neither);
        assertThat(ids(hits).get(0)).as("the product matching both keywords first").isEqualTo(both);
        assertThat(hits.getLong("total")).isEqualTo(3);

        JsonPath one = search(Map.of("q", a, "sort", "relevance"));
        assertThat(ids(one)).containsExactly(both, onlyA);

        assertThat(ids(search(Map.of("q", a.substring(0, 6))))).as("a word's beginning finds it")
                .containsExactlyInAnyOrder(both, onlyA);
        assertThat(ids(search(Map.of("q", b.toUpperCase())))).as("case-insensitive, descriptions too")
                .containsExactlyInAnyOrder(both, onlyB);
        assertThat(ids(search(Map.of("q", "+" + a + " -" + b + " \"" + a + "\" (" + b + "*"))))
                .as("boolean operators typed by the client are ordinary separators: '-' excludes nothing")
                .containsExactlyInAnyOrder(both, onlyA, onlyB);
    }

    @Test
    void aSearchListsPriceCategoryAndAvailability() {
        String keyword = word();
        long category = category("it-search-" + keyword, null);
        long product = createProduct(category, keyword + " sampler", "Three teas.",
                List.of(sku("large", "24.00", 2), sku("small", "6.50", 3), sku("medium", "12.00", 4)))
                .getLong("id");

        JsonPath hits = search(Map.of("q", keyword));
        assertThat(hits.getList("items")).hasSize(1);
        assertThat(hits.getLong("items[0].id")).isEqualTo(product);
        assertThat(hits.getString("items[0].name")).isEqualTo(keyword + " sampler");
        assertThat(hits.getString("items[0].price")).as("the lowest SKU price").isEqualTo("6.50");
        assertThat(hits.getLong("items[0].categoryId")).isEqualTo(category);
        assertThat(hits.getInt("items[0].available")).as("units of all its SKUs").isEqualTo(9);
        assertThat(hits.getInt("page")).isZero();
        assertThat(hits.getInt("size")).isEqualTo(20);
        assertThat(hits.getLong("total")).isEqualTo(1);
    }

    @Test
    void aCategoryIncludesAllItsDescendants() {
        String keyword = word();
        long root = category("it-root-" + keyword, null);
        long child = category("it-child-" + keyword, root);
        long grandchild = category("it-grandchild-" + keyword, child);
        long elsewhere = category("it-elsewhere-" + keyword, null);
        long inRoot = product(root, keyword + " one", "In the root.", "5.00", 1);
        long inChild = product(child, keyword + " two", "In the child.", "5.00", 1);
        long inGrandchild = product(grandchild, keyword + " three", "In the grandchild.", "5.00", 1);
        long outside = product(elsewhere, keyword + " four", "Elsewhere.", "5.00", 1);

        assertThat(ids(search(Map.of("q", keyword, "category", root))))
                .containsExactlyInAnyOrder(inRoot, inChild, inGrandchild);
        assertThat(ids(search(Map.of("category", root)))).as("without keywords too")
                .containsExactlyInAnyOrder(inRoot, inChild, inGrandchild);
        assertThat(ids(search(Map.of("category", child)))).containsExactlyInAnyOrder(inChild, inGrandchild);
        assertThat(ids(search(Map.of("category", grandchild)))).containsExactly(inGrandchild);
        assertThat(ids(search(Map.of("q", keyword)))).containsExactlyInAnyOrder(inRoot, inChild, inGrandchild, outside);
        assertThat(search(Map.of("q", keyword, "category", root)).getLong("total")).isEqualTo(3);
    }

    @Test
    void pagesSplitTheResultAndAllCarryTheTotal() {
        String keyword = word();
        long category = category("it-pages-" + keyword, null);
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(product(category, keyword + " item " + i, "Paged.", "5.00", 1));
        }
        List<Long> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);

        List<Long> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonPath result = search(Map.of("category", category, "sort", "newest", "page", page, "size", 2));
            assertThat(result.getInt("page")).isEqualTo(page);
            assertThat(result.getInt("size")).isEqualTo(2);
            assertThat(result.getLong("total")).isEqualTo(5);
            seen.addAll(ids(result));
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        JsonPath beyond = search(Map.of("category", category, "page", 3, "size", 2));
        assertThat(beyond.getList("items")).isEmpty();
        assertThat(beyond.getLong("total")).isEqualTo(5);
        assertThat(search(Map.of("q", keyword, "size", 100)).getList("items")).hasSize(5);
    }

    @Test
    void thePriceRangeAndThePriceSortsUseTheLowestSkuPrice() {
        String keyword = word();
        long category = category("it-prices-" + keyword, null);
        long five = createProduct(category, keyword + " five", "Cheap.",
                List.of(sku("big", "50.00", 4), sku("small", "5.00", 3))).getLong("id");
        long twelve = product(category, keyword + " twelve", "Middle.", "12.50", 2);
        long thirty = product(category, keyword + " thirty", "Dear.", "30.00", 1);

        JsonPath ascending = search(Map.of("category", category, "sort", "price_asc"));
        assertThat(ids(ascending)).containsExactly(five, twelve, thirty);
        assertThat(ascending.getList("items.price", String.class)).containsExactly("5.00", "12.50", "30.00");
        assertThat(ascending.getList("items.available", Integer.class)).containsExactly(7, 2, 1);
        assertThat(ids(search(Map.of("category", category, "sort", "price_desc")))).containsExactly(thirty, twelve, five);
        assertThat(ids(search(Map.of("category", category, "sort", "newest")))).containsExactly(thirty, twelve, five);
        assertThat(ids(search(Map.of("q", keyword, "sort", "price_asc")))).containsExactly(five, twelve, thirty);

        assertThat(ids(search(Map.of("category", category, "minPrice", "10", "maxPrice", "30.00", "sort", "price_asc"))))
                .as("both ends inclusive").containsExactly(twelve, thirty);
        assertThat(ids(search(Map.of("category", category, "maxPrice", "5")))).containsExactly(five);
        assertThat(ids(search(Map.of("category", category, "minPrice", "5.01", "sort", "price_asc"))))
                .containsExactly(twelve, thirty);
        assertThat(ids(search(Map.of("category", category, "minPrice", "30", "maxPrice", "30")))).containsExactly(thirty);
        assertThat(search(Map.of("category", category, "minPrice", "31")).getLong("total")).isZero();
    }

    @Test
    void invalidParametersAre400ProblemsNamingEachOne() {
        Map<Map<String, Object>, String> invalid = new LinkedHashMap<>();
        invalid.put(Map.of("size", 1000), "size");
        invalid.put(Map.of("size", 0), "size");
        invalid.put(Map.of("size", "twenty"), "size");
        invalid.put(Map.of("page", -1), "page");
        invalid.put(Map.of("page", "first"), "page");
        invalid.put(Map.of("minPrice", "-1"), "minPrice");
        invalid.put(Map.of("maxPrice", "cheap"), "maxPrice");
        invalid.put(Map.of("minPrice", "1.999"), "minPrice");
        invalid.put(Map.of("minPrice", "20", "maxPrice", "10"), "minPrice");
        invalid.put(Map.of("sort", "cheapest"), "sort");
        invalid.put(Map.of("category", "tea"), "category");
        invalid.put(Map.of("category", "0"), "category");
        invalid.put(Map.of("category", "99999999999999999999"), "category");
        invalid.put(Map.of("category", 999_999_999_999L), "category");
        invalid.put(Map.of("q", "ab"), "q");
        invalid.put(Map.of("q", "x".repeat(201)), "q");
        invalid.forEach((parameters, field) -> {
            Response response = given().baseUri(TestServer.baseUri()).accept(ContentType.JSON)
                    .queryParams(parameters).get("/api/products");
            assertThat(response.statusCode()).as(parameters + ": " + response.asString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getList("errors.field", String.class)).as(parameters.toString())
                    .containsExactly(field);
            assertThat(response.asString()).doesNotContain("Exception").doesNotContain("SELECT");
        });

        Response several = given().baseUri(TestServer.baseUri())
                .queryParams(Map.of("size", 1000, "sort", "x", "minPrice", "-2")).get("/api/products");
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(several.jsonPath().getList("errors.field", String.class))
                .containsExactlyInAnyOrder("size", "sort", "minPrice");
    }

    @Test
    void productDetailsFollowAPriceChangeAtOnceAndAvailabilityIsLive() {
        String keyword = word();
        long category = category("it-cache-" + keyword, null);
        JsonPath created = createProduct(category, keyword + " tin", "Cached.", List.of(sku("100 g", "8.00", 10)));
        long product = created.getLong("id");
        long sku = created.getLong("skus[0].id");

        JsonPath first = productView(product);
        assertThat(first.getString("skus[0].price")).isEqualTo("8.00");
        assertThat(first.getInt("skus[0].available")).isEqualTo(10);

        Accounts.Account customer = Accounts.customer();
        long order = Shop.place(customer, Shop.newKey(), sku, 3).then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(productView(product).getInt("skus[0].available")).as("stock is never cached").isEqualTo(7);

        Response repriced = Shop.as(shop.admin()).body(Map.of("price", "9.50")).put("/api/admin/skus/" + sku + "/price");
        assertThat(repriced.statusCode()).as(repriced.asString()).isEqualTo(200);
        assertThat(repriced.jsonPath().getString("skus[0].price")).isEqualTo("9.50");
        assertThat(productView(product).getString("skus[0].price")).as("evicted when the change committed")
                .isEqualTo("9.50");
        JsonPath hit = search(Map.of("q", keyword));
        assertThat(hit.getString("items[0].price")).isEqualTo("9.50");
        assertThat(hit.getInt("items[0].available")).isEqualTo(7);
        assertThat(Shop.order(customer, order).getString("lines[0].unitPrice")).as("the order keeps its price")
                .isEqualTo("8.00");

        assertThat(Shop.as(shop.admin()).body(Map.of("price", "0")).put("/api/admin/skus/" + sku + "/price")
                .statusCode()).isEqualTo(400);
        assertThat(Shop.as(shop.admin()).body(Map.of("price", "1.999")).put("/api/admin/skus/" + sku + "/price")
                .statusCode()).isEqualTo(400);
        assertThat(Shop.as(shop.admin()).body(Map.of("price", "3.00")).put("/api/admin/skus/" + (Long.MAX_VALUE - 1)
                + "/price").statusCode()).isEqualTo(404);
        assertThat(Shop.as(customer).body(Map.of("price", "1.00")).put("/api/admin/skus/" + sku + "/price")
                .statusCode()).isEqualTo(403);
        assertThat(productView(product).getString("skus[0].price")).as("refused changes change nothing")
                .isEqualTo("9.50");

        assertThat(given().baseUri(TestServer.baseUri()).get("/api/products/" + (Long.MAX_VALUE - 1)).statusCode())
                .isEqualTo(404);
    }

    /** A word of 12 random letters: no stopword, longer than the index's minimum token size, in no other product. */
    private static String word() {
        StringBuilder word = new StringBuilder(12);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static JsonPath search(Map<String, ?> parameters) {
        Response response = given().baseUri(TestServer.baseUri()).accept(ContentType.JSON)
                .queryParams(parameters).get("/api/products");
        assertThat(response.statusCode()).as(parameters + ": " + response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private static JsonPath productView(long id) {
        return given().baseUri(TestServer.baseUri()).accept(ContentType.JSON).get("/api/products/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> ids(JsonPath result) {
        return result.getList("items.id", Long.class);
    }

    private long category(String name, Long parent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.length() > 100 ? name.substring(0, 100) : name);
        if (parent != null) {
            body.put("parentId", parent);
        }
        return Shop.as(shop.admin()).body(body).post("/api/admin/categories")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> sku(String name, String price, int stock) {
        return Map.of("name", name, "price", price, "initialStock", stock);
    }

    private long product(long category, String name, String description, String price, int stock) {
        return createProduct(category, name, description, List.of(sku("standard", price, stock))).getLong("id");
    }

    private JsonPath createProduct(long category, String name, String description, List<Map<String, Object>> skus) {
        Response created = Shop.as(shop.admin())
                .body(Map.of("name", name, "description", description,
                        "categoryId", category, "skus", skus))
                .post("/api/admin/products");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.jsonPath();
    }
}
