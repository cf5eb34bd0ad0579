package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server publishes at /openapi describes what it answers: requests and responses go through
 * Atlassian's swagger-request-validator, which fails the request on any status, header or body the document does not
 * describe. (The main flows — register, log in, browse, cart, order, pay, cancel — are not here yet: the document's
 * record schemas lack the properties of unannotated record components, which the validator rightly refuses.)
 */
class OpenApiContractIT {

    private OpenApiInteractionValidator validator;
    private OpenApiValidationFilter contract;

    private String document;

    /** Read here, not by the validator's URL loader: that refuses loopback addresses (safe-url resolution). */
    @BeforeEach
    void loadTheServedDocument() {
        document = given().baseUri(TestServer.baseUri()).get("/openapi").then().statusCode(200).extract().asString();
        assertThat(document).as("the shop's document (not the test probe's)").contains("\n  /api/orders:");
        // Paths are absolute (/api/...): a server URL with a path must not be taken for a base path.
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).withBasePathOverride("/")
                .build();
        contract = new OpenApiValidationFilter(validator);
    }

    private RequestSpecification checked() {
        return given().baseUri(TestServer.baseUri()).filter(contract).accept(ContentType.JSON);
    }

    @Test
    void theValidatorRejectsWhatTheDocumentDoesNotDescribe() {
        // The contract check itself can fail: an answer the document has no word for, and a body of the wrong shape.
        Request placeOrder = SimpleRequest.Builder.post("/api/orders").withHeader("Authorization", "Bearer x")
                .withHeader("Idempotency-Key", "k").withContentType("application/json")
                .withBody("{\"items\": [{\"skuId\": 1, \"quantity\": 1}]}").build();
        assertThat(validator.validate(placeOrder, SimpleResponse.Builder.status(418).build()).hasErrors())
                .as("an undocumented status").isTrue();
        assertThat(validator.validate(placeOrder, SimpleResponse.Builder.status(201)
                        .withContentType("application/json").withBody("{\"id\": \"not a number\"}").build()).hasErrors())
                .as("a body of the wrong shape").isTrue();
        assertThatThrownBy(() -> checked().contentType(ContentType.JSON).body("{}").post("/api/no-such-operation"))
                .as("a request the document does not know, through the filter")
                .isInstanceOf(OpenApiValidationFilter.OpenApiValidationException.class);
    }

    @Test
    void theGatewaysCallbackAsDocumented() {
        String forged = "{\"paymentId\": " + Long.MAX_VALUE + ", \"providerTxnId\": \"mock-" + UUID.randomUUID()
                + "\", \"orderId\": 1, \"amount\": 1.00, \"outcome\": \"SUCCESS\"}";
        checked().contentType(ContentType.JSON).header("X-Mall-Signature", "sha256=" + "00".repeat(32)).body(forged)
                .post("/api/payments/callback").then().statusCode(401);
        checked().contentType(ContentType.JSON).header("X-Mall-Signature", Shop.sign(forged)).body(forged)
                .post("/api/payments/callback").then().statusCode(404);
    }

    @Test
    void unauthenticatedCallsAreDocumentedProblems() {
        // The request lacks the token on purpose: only the answer to it is checked here.
        OpenApiValidationFilter answersOnly = new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForInlineApiSpecification(document).withBasePathOverride("/")
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE).build())
                .build());
        for (String path : List.of("/api/orders", "/api/cart", "/api/me")) {
            given().baseUri(TestServer.baseUri()).filter(answersOnly).accept(ContentType.JSON).get(path).then()
                    .statusCode(401);
        }
    }
}
