package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server publishes at /openapi describes what it answers. The main flows — register and log
 * in, catalog reads and search, the cart, placing, paying (through the provider's hosted checkout) and cancelling an
 * order, buying in a flash sale (201, the queued sale's 202 ticket, sold out 409), the administrator's endpoints — and
 * their problem+json errors (400, 401, 403, 404, 409, 422, 429) go through Atlassian's swagger-request-validator: any
 * request, status, header or body the document does not describe fails the test, a property it does not name included
 * (the validator treats every schema as closed). The provider's checkout page is another application and is not in
 * the shop's document; it is driven without the filter.
 */
class OpenApiContractIT {

    private static String document;
    private static OpenApiInteractionValidator validator;
    private static OpenApiValidationFilter contract;
    /** For requests that break the document on purpose (the 400 tests, a missing token): only the answer is held to it. */
    private static OpenApiValidationFilter answersOnly;

    private static Shop shop;

    /** Read here, not by the validator's URL loader: that refuses loopback addresses (safe-url resolution). */
    @BeforeAll
    static void loadTheServedDocument() {
        document = given().baseUri(TestServer.baseUri()).get("/openapi").then().statusCode(200).extract().asString();
        assertThat(document).as("the shop's document (not the test probe's)").contains("\n  /api/orders:");
        save(document);
        // Paths are absolute (/api/...): a server URL with a path must not be taken for a base path.
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).withBasePathOverride("/")
                .build();
        contract = new OpenApiValidationFilter(validator);
        answersOnly = new OpenApiValidationFilter(OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withBasePathOverride("/")
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build());
        shop = new Shop();
    }

    /** For whoever reads a failure: the document as served, beside the reports. */
    private static void save(String served) {
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/openapi-served.yaml"), served);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestSpecification api() {
        return given().baseUri(TestServer.baseUri()).filter(contract).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    private static RequestSpecification as(Accounts.Account account) {
        return api().header("Authorization", account.bearer());
    }

    /** A request the document forbids (a value out of its range, no token): the answer must still be documented. */
    private static RequestSpecification refused() {
        return given().baseUri(TestServer.baseUri()).filter(answersOnly).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    private static RequestSpecification refused(Accounts.Account account) {
        return refused().header("Authorization", account.bearer());
    }

    @Test
    void theValidatorRejectsWhatTheDocumentDoesNotDescribe() {
        // The contract check itself can fail: an answer the document has no word for, a body of the wrong shape, a
        // property it does not name.
        Request placeOrder = SimpleRequest.Builder.post("/api/orders").withHeader("Authorization", "Bearer x")
                .withHeader("Idempotency-Key", "k").withContentType("application/json")
                .withBody("{\"items\": [{\"skuId\": 1, \"quantity\": 1}]}").build();
        assertThat(validator.validate(placeOrder, SimpleResponse.Builder.status(418).build()).hasErrors())
                .as("an undocumented status").isTrue();
        assertThat(validator.validate(placeOrder, SimpleResponse.Builder.status(201)
                        .withContentType("application/json").withBody("{\"id\": \"not a number\"}").build()).hasErrors())
                .as("a body of the wrong shape").isTrue();

        // A real answer of the server passes as it is, and fails with one property more.
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(5);
        Response placed = Shop.place(customer, Shop.newKey(), sku, 1);
        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(validator.validate(placeOrder, created(placed.asString())).getMessages())
                .as("the server's own answer").isEmpty();
        String withMore = placed.asString().replaceFirst("\\{", "{\"internalNote\": \"not in the document\", ");
        assertThat(validator.validate(placeOrder, created(withMore)).getMessages())
                .as("an undocumented property").isNotEmpty();

        assertThatThrownBy(() -> api().body("{}").post("/api/no-such-operation"))
                .as("a request the document does not know, through the filter")
                .isInstanceOf(OpenApiValidationFilter.OpenApiValidationException.class);
    }

    /** A new builder each time: a builder keeps the first body it was given. */
    private static SimpleResponse created(String body) {
        return SimpleResponse.Builder.status(201).withContentType("application/json").withBody(body).build();
    }

    @Test
    void registerLogInAndTheProfile() {
        String email = "contract-" + UUID.randomUUID() + "@mall.test";
        String password = "pw-" + UUID.randomUUID();
        Map<String, Object> registration = Map.of("email", email, "password", password, "displayName", "Contract");
        long id = api().body(registration).post("/api/auth/register").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        api().body(registration).post("/api/auth/register").then().statusCode(409);
        refused().body(Map.of("email", "not an address", "password", "short", "displayName", "x"))
                .post("/api/auth/register").then().statusCode(400);

        String token = api().body(Map.of("email", email, "password", password)).post("/api/auth/login").then()
                .statusCode(200).extract().jsonPath().getString("accessToken");
        Accounts.Account account = new Accounts.Account(id, email, password, token);
        as(account).get("/api/me").then().statusCode(200);

        // Wrong passwords: 401 each, until the lockout answers 429 (docs/API.md "Identity").
        Map<String, Object> wrong = Map.of("email", email, "password", "wrong-" + UUID.randomUUID());
        int status;
        int attempts = 0;
        do {
            status = api().body(wrong).post("/api/auth/login").statusCode();
            attempts++;
        } while (status == 401 && attempts < 20);
        assertThat(status).as("the lockout after %d wrong passwords", attempts).isEqualTo(429);
    }

    @Test
    void catalogReadsSearchAndTheAdministratorsCatalog() {
        Accounts.Account admin = shop.admin();
        String word = "contract" + UUID.randomUUID().toString().replaceAll("[^a-z]", "");
        long category = as(admin).body(Map.of("name", "contract " + word)).post("/api/admin/categories").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        Response product = as(admin).body(Map.of("name", "Contract " + word, "description", "described " + word,
                "categoryId", category, "skus", List.of(Map.of("name", "100 g", "price", money("4.20"), "initialStock", 7),
                        Map.of("name", "250 g", "price", money("9.90"), "initialStock", 3))))
                .post("/api/admin/products");
        assertThat(product.statusCode()).as(product.asString()).isEqualTo(201);
        long productId = product.jsonPath().getLong("id");
        long sku = product.jsonPath().getLong("skus[0].id");

        api().get("/api/categories").then().statusCode(200);
        api().queryParam("q", word).get("/api/products").then().statusCode(200);
        api().queryParam("category", category).queryParam("sort", "price_asc").queryParam("size", 5).get("/api/products")
                .then().statusCode(200);
        refused().queryParam("size", 0).get("/api/products").then().statusCode(400);
        api().get("/api/products/" + productId).then().statusCode(200);
        api().get("/api/products/" + Long.MAX_VALUE).then().statusCode(404);

        as(admin).body(Map.of("price", money("3.90"))).put("/api/admin/skus/" + sku + "/price").then().statusCode(200);
        refused(admin).body(Map.of("price", money("-1"))).put("/api/admin/skus/" + sku + "/price").then().statusCode(400);
        as(admin).body(Map.of("onHand", 9)).put("/api/admin/skus/" + sku + "/stock").then().statusCode(200);
        as(admin).body(Map.of("count", 2)).put("/api/admin/skus/" + sku + "/buckets").then().statusCode(200);
        as(admin).queryParam("skuId", sku).get("/api/admin/audit/stock").then().statusCode(200);

        Accounts.Account customer = Accounts.customer();
        as(customer).body(Map.of("name", "not an admin")).post("/api/admin/categories").then().statusCode(403);
    }

    @Test
    void warehousesStockPerWarehouseAndTransfers() {
        Accounts.Account admin = shop.admin();
        long sku = shop.newSku(6);
        String code = "CT-" + UUID.randomUUID().toString().substring(0, 8);
        long warehouse = as(admin).body(Map.of("code", code, "name", "contract " + code, "priority", 700))
                .post("/api/admin/warehouses").then().statusCode(201).extract().jsonPath().getLong("id");
        as(admin).body(Map.of("code", code, "name", "again", "priority", 700)).post("/api/admin/warehouses").then()
                .statusCode(409);
        as(admin).get("/api/admin/warehouses").then().statusCode(200);
        as(admin).get("/api/admin/warehouses/" + warehouse).then().statusCode(200);
        as(admin).get("/api/admin/warehouses/" + Long.MAX_VALUE).then().statusCode(404);
        as(admin).body(Map.of("name", "contract renamed", "priority", 701)).put("/api/admin/warehouses/" + warehouse)
                .then().statusCode(200);
        refused(admin).body(Map.of("name", "x", "priority", -1)).put("/api/admin/warehouses/" + warehouse).then()
                .statusCode(400);
        as(admin).body(Map.of("onHand", 2)).put("/api/admin/skus/" + sku + "/stock/" + warehouse).then()
                .statusCode(200);
        as(admin).get("/api/admin/skus/" + sku + "/stock").then().statusCode(200);
        long transfer = as(admin).body(Map.of("skuId", sku, "fromWarehouseId", 1, "toWarehouseId", warehouse,
                "quantity", 3)).post("/api/admin/stock-transfers").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        as(admin).body(Map.of("skuId", sku, "fromWarehouseId", 1, "toWarehouseId", warehouse, "quantity", 99))
                .post("/api/admin/stock-transfers").then().statusCode(409);
        as(admin).get("/api/admin/stock-transfers/" + transfer).then().statusCode(200);
        as(admin).get("/api/admin/stock-transfers/" + Long.MAX_VALUE).then().statusCode(404);
        as(admin).queryParam("skuId", sku).queryParam("size", 5).get("/api/admin/stock-transfers").then()
                .statusCode(200);
        refused(admin).queryParam("size", 0).get("/api/admin/stock-transfers").then().statusCode(400);
        as(Accounts.customer()).get("/api/admin/stock-transfers").then().statusCode(403);
    }

    @Test
    void cartOrderPayAndCancel() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(10, "7.50");

        as(customer).body(Map.of("quantity", 2)).put("/api/cart/items/" + sku).then().statusCode(200);
        as(customer).body(Map.of("quantity", 1)).put("/api/cart/items/" + Long.MAX_VALUE).then().statusCode(404);
        as(customer).get("/api/cart").then().statusCode(200);

        String key = Shop.newKey();
        Map<String, Object> cartToAnAddress = Map.of("fromCart", true, "shippingAddress", Map.of("name", "Ann",
                "line1", "1 Tea Street", "city", "Leeds", "postalCode", "LS1 4AP", "country", "GB"));
        long fromCart = as(customer).header("Idempotency-Key", key).body(cartToAnAddress)
                .post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        as(customer).header("Idempotency-Key", key).body(cartToAnAddress).post("/api/orders").then()
                .statusCode(200);
        as(customer).header("Idempotency-Key", key).body(items(sku, 1)).post("/api/orders").then().statusCode(422);
        as(customer).header("Idempotency-Key", Shop.newKey()).body(Map.of("fromCart", true)).post("/api/orders")
                .then().statusCode(400);
        as(customer).header("Idempotency-Key", Shop.newKey()).body(items(sku, 100)).post("/api/orders").then()
                .statusCode(409);
        as(customer).get("/api/orders/" + fromCart).then().statusCode(200);
        as(customer).queryParam("status", "PENDING_PAYMENT").get("/api/orders").then().statusCode(200);
        refused(customer).queryParam("status", "NOT_A_STATUS").get("/api/orders").then().statusCode(400);
        as(Accounts.customer()).get("/api/orders/" + fromCart).then().statusCode(404);

        // Pay through the provider's hosted checkout: /pay answers the link, the page is the provider's application
        // (outside this document), the signed webhook makes the order PAID.
        Response opened = as(customer).post("/api/orders/" + fromCart + "/pay");
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        as(customer).post("/api/orders/" + fromCart + "/pay").then().statusCode(200);
        assertThat(Shop.submitCheckout(opened.jsonPath().getString("checkoutUrl"), "SUCCESS").statusCode())
                .isEqualTo(200);
        await("order paid").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> as(customer).get("/api/orders/" + fromCart).then().statusCode(200).extract()
                        .jsonPath().getString("status"), "PAID"::equals);
        as(customer).post("/api/orders/" + fromCart + "/cancel").then().statusCode(409);
        as(customer).post("/api/orders/" + fromCart + "/pay").then().statusCode(409);

        long unpaid = as(customer).header("Idempotency-Key", Shop.newKey()).body(items(sku, 1)).post("/api/orders")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(customer).post("/api/orders/" + unpaid + "/cancel").then().statusCode(200);
        as(customer).post("/api/orders/" + Long.MAX_VALUE + "/cancel").then().statusCode(404);
        as(customer).body(Map.of("quantity", 0)).put("/api/cart/items/" + sku).then().statusCode(200);
        as(customer).delete("/api/cart/items/" + sku).then().statusCode(200);

        // The administrator's view of orders: list, one, ship the paid one (then 409) and deliver it, refund an unpaid
        // one (409).
        Accounts.Account admin = shop.admin();
        as(admin).queryParam("status", "PAID").queryParam("size", 5).get("/api/admin/orders").then().statusCode(200);
        as(admin).get("/api/admin/orders/" + fromCart).then().statusCode(200);
        as(admin).get("/api/admin/orders/" + Long.MAX_VALUE).then().statusCode(404);
        as(admin).post("/api/admin/orders/" + fromCart + "/deliver").then().statusCode(409);
        refused(admin).body(Map.of("carrier", "DHL", "trackingNumber", "x"))
                .post("/api/admin/orders/" + fromCart + "/ship").then().statusCode(400);
        Map<String, String> parcel = Map.of("carrier", "DHL", "trackingNumber", Shop.newTrackingNumber());
        as(admin).body(parcel).post("/api/admin/orders/" + fromCart + "/ship").then().statusCode(200);
        as(admin).body(parcel).post("/api/admin/orders/" + fromCart + "/ship").then().statusCode(409);
        as(admin).post("/api/admin/orders/" + fromCart + "/deliver").then().statusCode(200);
        String coupon = "OA-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> newCoupon = Map.of("code", coupon, "kind", "AMOUNT", "value", money("1.50"),
                "startsAt", Instant.now().minusSeconds(60).toString(),
                "endsAt", Instant.now().plusSeconds(3600).toString(), "totalLimit", 5);
        as(admin).body(newCoupon).post("/api/admin/coupons").then().statusCode(201);
        as(admin).body(newCoupon).post("/api/admin/coupons").then().statusCode(409);
        as(admin).get("/api/admin/coupons/" + coupon).then().statusCode(200);
        as(admin).get("/api/admin/coupons/NO-SUCH-" + coupon).then().statusCode(404);
        as(customer).header("Idempotency-Key", Shop.newKey())
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "couponCode", coupon))
                .post("/api/orders").then().statusCode(201);
        as(customer).header("Idempotency-Key", Shop.newKey())
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "couponCode", "NO-SUCH-" + coupon))
                .post("/api/orders").then().statusCode(422);
        as(admin).body(Map.of()).post("/api/admin/orders/" + unpaid + "/refund").then().statusCode(409);
        as(customer).get("/api/admin/orders").then().statusCode(403);
    }

    @Test
    void theAdministratorRefundsAPaidOrder() {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(3, "12.00");
        long order = as(customer).header("Idempotency-Key", Shop.newKey()).body(items(sku, 2)).post("/api/orders")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Shop.pay(customer, order, "SUCCESS");
        Shop.awaitStatus(customer, order, Duration.ofMinutes(1), "PAID");

        Accounts.Account admin = shop.admin();
        as(admin).header("Idempotency-Key", Shop.newKey()).body(Map.of("amount", money("5.00")))
                .post("/api/admin/orders/" + order + "/refund").then().statusCode(200);
        as(admin).body(Map.of("amount", money("1000.00"))).post("/api/admin/orders/" + order + "/refund").then()
                .statusCode(400);
        as(admin).body(Map.of()).post("/api/admin/orders/" + order + "/refund").then().statusCode(200);
    }

    @Test
    void flashSaleOrderTicketSoldOutAndTheRateLimit() {
        Accounts.Account admin = shop.admin();
        long sku = shop.newSku(10, "19.90");
        long sale = as(admin).body(sale(sku, 2, 1, false)).post("/api/admin/flash-sales").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        api().get("/api/flash-sales/" + sale).then().statusCode(200);
        api().get("/api/flash-sales/" + Long.MAX_VALUE).then().statusCode(404);

        Accounts.Account first = Accounts.customer();
        String key = Shop.newKey();
        as(first).header("Idempotency-Key", key).body(Map.of("quantity", 1)).post("/api/flash-sales/" + sale + "/orders")
                .then().statusCode(201);
        as(first).header("Idempotency-Key", key).body(Map.of("quantity", 1)).post("/api/flash-sales/" + sale + "/orders")
                .then().statusCode(200);
        as(first).header("Idempotency-Key", Shop.newKey()).body(Map.of("quantity", 1))
                .post("/api/flash-sales/" + sale + "/orders").then().statusCode(422);
        as(Accounts.customer()).header("Idempotency-Key", Shop.newKey()).body(Map.of("quantity", 1))
                .post("/api/flash-sales/" + sale + "/orders").then().statusCode(201);

        // Sold out: 409 — and one customer asking again and again meets the rate limit, 429 with Retry-After.
        Accounts.Account late = Accounts.customer();
        int status = 409;
        for (int attempt = 0; attempt < 500 && status == 409; attempt++) {
            status = as(late).header("Idempotency-Key", Shop.newKey()).body(Map.of("quantity", 1))
                    .post("/api/flash-sales/" + sale + "/orders").statusCode();
        }
        assertThat(status).as("sold out until the customer's rate limit refuses").isEqualTo(429);

        // A queued sale: a ticket at once (202), then the order from the queue.
        long queued = as(admin).body(sale(shop.newSku(5), 3, 1, true)).post("/api/admin/flash-sales").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        Accounts.Account buyer = Accounts.customer();
        String ticket = as(buyer).header("Idempotency-Key", Shop.newKey()).body(Map.of("quantity", 1))
                .post("/api/flash-sales/" + queued + "/orders").then().statusCode(202).extract().jsonPath()
                .getString("ticketId");
        await("ticket ordered").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> as(buyer).get("/api/flash-sales/" + queued + "/tickets/" + ticket).then().statusCode(200)
                        .extract().jsonPath().getString("status"), "ORDERED"::equals);
        as(buyer).get("/api/flash-sales/" + queued + "/tickets/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theGatewaysCallbackAsDocumented() {
        String forged = "{\"paymentId\": " + Long.MAX_VALUE + ", \"providerTxnId\": \"mock-" + UUID.randomUUID()
                + "\", \"orderId\": 1, \"amount\": 1.00, \"outcome\": \"SUCCESS\"}";
        api().header("X-Mall-Signature", "sha256=" + "00".repeat(32)).body(forged)
                .post("/api/payments/callback").then().statusCode(401);
        api().header("X-Mall-Signature", Shop.sign(forged)).body(forged)
                .post("/api/payments/callback").then().statusCode(404);
    }

    @Test
    void unauthenticatedCallsAreDocumentedProblems() {
        // The request lacks the token on purpose: only the answer to it is checked here.
        for (String path : List.of("/api/orders", "/api/cart", "/api/me", "/api/admin/orders")) {
            refused().get(path).then().statusCode(401);
        }
    }

    /** Money in a request is a JSON number (the document's schema for BigDecimal); answers carry decimal strings. */
    private static java.math.BigDecimal money(String amount) {
        return new java.math.BigDecimal(amount);
    }

    private static Map<String, Object> items(long sku, int quantity) {
        return Map.of("items", List.of(Map.of("skuId", sku, "quantity", quantity)));
    }

    private static Map<String, Object> sale(long sku, int units, int limit, boolean queued) {
        return Map.of("skuId", sku, "quantity", units, "perCustomerLimit", limit, "price", money("9.99"),
                "startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString(),
                "endsAt", Instant.now().plus(10, ChronoUnit.MINUTES).toString(), "queued", queued);
    }
}
