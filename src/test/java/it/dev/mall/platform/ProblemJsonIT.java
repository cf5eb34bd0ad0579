package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.specification.RequestSpecification;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Errors raised outside any business rule answer application/problem+json, without internals, and change nothing.
 * Bad bodies go to the shop's own order endpoint (POST /api/orders, the money path's entry), as a real customer with
 * a fresh SKU: after each test the customer still has no order and the SKU's stock is untouched.
 */
class ProblemJsonIT {

    private static final int UNITS = 3;

    private final Shop shop = new Shop();
    private Accounts.Account customer;
    private long sku;

    @BeforeEach
    void customerAndSku() {
        customer = Accounts.customer();
        sku = shop.newSku(UNITS);
    }

    @AfterEach
    void nothingChanged() {
        assertThat(Shop.as(customer).get("/api/orders").then().statusCode(200).extract().jsonPath()
                .getList("items")).as("orders of the customer who sent bad requests").isEmpty();
        assertThat(Shop.skuLine(shop.audit(sku), sku)).as("stock of the SKU the bad requests named")
                .containsEntry("onHand", UNITS).containsEntry("reserved", 0).containsEntry("sold", 0);
    }

    private RequestSpecification order() {
        return given().baseUri(TestServer.baseUri()).header("Authorization", customer.bearer())
                .header("Idempotency-Key", Shop.newKey()).accept("application/json");
    }

    @Test
    void malformedJsonIs400ProblemJson() {
        order().contentType("application/json").body("{\"items\": [{\"skuId\": " + sku + ", ").post("/api/orders").then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed request body"))
                .body(not(containsString("Exception")));
    }

    @Test
    void wrongFieldTypeIs400ProblemJson() {
        order().contentType("application/json")
                .body("{\"items\": [{\"skuId\": " + sku + ", \"quantity\": \"many\"}]}")
                .post("/api/orders").then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body(not(containsString("Exception")));
    }

    /** JSON-B alone would bind these as 1 (truncated; the low 32 bits) and place an order of one unit. */
    @Test
    void fractionalOrOverflowingQuantityIs400Malformed() {
        for (String quantity : List.of((1 + ThreadLocalRandom.current().nextInt(UNITS - 1)) + ".5", "4294967297",
                "1e-9")) {
            order().contentType("application/json")
                    .body("{\"items\": [{\"skuId\": " + sku + ", \"quantity\": " + quantity + "}]}")
                    .post("/api/orders").then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("title", equalTo("Malformed request body"))
                    .body(not(containsString("Exception")));
        }
    }

    @Test
    void invalidFieldsAre400WithOneErrorPerField() {
        order().contentType("application/json")
                .body(Map.of("items", List.of(
                        Map.of("skuId", sku, "quantity", 1),
                        Map.of("skuId", -sku, "quantity", 1001 + ThreadLocalRandom.current().nextInt(1000)))))
                .post("/api/orders").then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Invalid request"))
                .body("errors", hasSize(2))
                .body("errors.field", containsInAnyOrder("items[1].skuId", "items[1].quantity"));
    }

    @Test
    void emptyBodyIs400Malformed() {
        order().contentType("application/json").post("/api/orders").then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Malformed request body"));
    }

    @Test
    void nullBodyIs400NamingTheRequest() {
        order().contentType("application/json").body("null").post("/api/orders").then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("request"));
    }

    @Test
    void wrongMediaTypeIs415ProblemJson() {
        order().contentType("text/plain").body("{\"items\": [{\"skuId\": " + sku + ", \"quantity\": 1}]}")
                .post("/api/orders").then()
                .statusCode(415)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void unknownApiPathIs404ProblemJson() {
        String path = "/api/no-such-thing-" + UUID.randomUUID();
        given().baseUri(TestServer.baseUri()).accept("application/json").get(path).then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"))
                .body("instance", equalTo(path));
    }

    @Test
    void unknownPathOutsideTheApiIs404ProblemJson() {
        given().baseUri(TestServer.baseUri()).get("/no-such-page-" + UUID.randomUUID()).then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body(not(containsString("Exception")));
    }
}
