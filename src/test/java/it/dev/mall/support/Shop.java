package it.dev.mall.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shop's REST API as the money-path tests use it: an administrator creates SKUs with stock, customers place, pay
 * and cancel orders, and the audit endpoint checks the invariants. One instance per test class (it holds the admin's
 * token), no static state.
 */
public final class Shop {

    private final Accounts.Account admin;

    public Shop() {
        this.admin = Accounts.admin();
    }

    public Accounts.Account admin() {
        return admin;
    }

    public static RequestSpecification as(Accounts.Account account) {
        return given().baseUri(TestServer.baseUri()).header("Authorization", account.bearer())
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static String newKey() {
        return "it-" + UUID.randomUUID();
    }

    /** A new product with one SKU of {@code price} and {@code units} on hand; returns the SKU id. */
    public long newSku(int units, String price) {
        long category = as(admin).body(Map.of("name", "it-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/admin/categories").then().statusCode(201).extract().jsonPath().getLong("id");
        Response product = as(admin).body(Map.of(
                        "name", "it product " + UUID.randomUUID(),
                        "description", "created by an integration test",
                        "categoryId", category,
                        "skus", List.of(Map.of("name", "standard", "price", price, "initialStock", units))))
                .post("/api/admin/products");
        assertThat(product.statusCode()).as(product.asString()).isEqualTo(201);
        return product.jsonPath().getLong("skus[0].id");
    }

    public long newSku(int units) {
        return newSku(units, "19.90");
    }

    public static Response place(Accounts.Account customer, String key, long skuId, int quantity) {
        return place(as(customer), key, skuId, quantity);
    }

    public static Response place(RequestSpecification request, String key, long skuId, int quantity) {
        return request.header("Idempotency-Key", key)
                .body(Map.of("items", List.of(Map.of("skuId", skuId, "quantity", quantity))))
                .post("/api/orders");
    }

    public static JsonPath order(Accounts.Account customer, long orderId) {
        return as(customer).get("/api/orders/" + orderId).then().statusCode(200).extract().jsonPath();
    }

    public static String status(Accounts.Account customer, long orderId) {
        return order(customer, orderId).getString("status");
    }

    public static String awaitStatus(Accounts.Account customer, long orderId, Duration atMost, String... accepted) {
        List<String> wanted = List.of(accepted);
        return await("order " + orderId + " in " + wanted).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> status(customer, orderId), wanted::contains);
    }

    /** The stock audit restricted to {@code skuIds}. */
    public JsonPath audit(long... skuIds) {
        RequestSpecification request = as(admin);
        for (long skuId : skuIds) {
            request = request.queryParam("skuId", skuId);
        }
        return request.get("/api/admin/audit/stock").then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the audit of {@code skuIds} is clean (2PC branches of the last transactions have all committed). */
    public JsonPath awaitCleanAudit(long... skuIds) {
        return await("clean stock audit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> audit(skuIds), audit -> audit.getBoolean("ok"));
    }

    public static Map<String, Object> skuLine(JsonPath audit, long skuId) {
        return audit.getMap("skus.find { it.skuId == " + skuId + " }");
    }

    /** {@code POST /api/orders/{id}/pay} without a body: opens the order's payment at the provider. */
    public static Response openPayment(Accounts.Account customer, long orderId) {
        return as(customer).post("/api/orders/" + orderId + "/pay");
    }

    /**
     * Submits the provider's hosted checkout page as its form does ({@code outcome} = the button pressed): what the
     * customer's browser sends, without the browser. The URL is used as the shop gave it (already encoded).
     */
    public static Response submitCheckout(String checkoutUrl, String outcome) {
        return given().urlEncodingEnabled(false).contentType(ContentType.URLENC).accept(ContentType.HTML)
                .formParam("outcome", outcome).post(checkoutUrl);
    }

    /**
     * Pays an order the way a customer does: opens the payment, then submits the provider's checkout page with
     * {@code outcome}. Returns the payment id; the order turns PAID only once the provider's webhook is applied.
     */
    public static long pay(Accounts.Account customer, long orderId, String outcome) {
        Response opened = openPayment(customer, orderId);
        assertThat(opened.statusCode()).as(opened.asString()).isIn(200, 201);
        Response page = submitCheckout(opened.jsonPath().getString("checkoutUrl"), outcome);
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        return opened.jsonPath().getLong("paymentId");
    }

    /** {@code POST /api/admin/orders/{id}/ship} with the parcel's carrier and tracking number. */
    public static Response ship(Accounts.Account as, long orderId, String carrier, String trackingNumber) {
        return as(as).body(Map.of("carrier", carrier, "trackingNumber", trackingNumber))
                .post("/api/admin/orders/" + orderId + "/ship");
    }

    /** A tracking number no other test uses. */
    public static String newTrackingNumber() {
        return "IT-" + UUID.randomUUID();
    }

    /** Signs a callback body as the payment provider does (MALL_PAYMENT_SECRET). */
    public static String sign(String body) {
        return sign(body, "MALL_PAYMENT_SECRET");
    }

    /** Signs a callback body with the secret of the environment variable {@code secretVariable}, as bin/mall set it. */
    public static String sign(String body, String secretVariable) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(System.getenv(secretVariable).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response callback(String body, String signature) {
        RequestSpecification request = given().baseUri(TestServer.baseUri()).contentType(ContentType.JSON).body(body);
        if (signature != null) {
            request = request.header("X-Mall-Signature", signature);
        }
        return request.post("/api/payments/callback");
    }
}
