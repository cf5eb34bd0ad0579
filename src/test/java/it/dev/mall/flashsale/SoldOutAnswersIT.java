package it.dev.mall.flashsale;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Metrics;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sold-out answer given in the web container, before authentication and the REST layer
 * ({@code flashsale.boundary.SoldOutAnswers}): it must read exactly as the REST method's, leave every request it should
 * not answer to be authenticated and answered as before (bad bodies, missing keys, missing or malformed tokens, a
 * buyer's retry), charge the rate limits once, and give a token it has not verified no power over anyone else: no
 * other customer's rate limit, no word on whether another customer bought. Real Redis, databases and broker.
 */
class SoldOutAnswersIT {

    private final Shop shop = new Shop();

    @Test
    void theAnswerBeforeTheRestLayerReadsAsTheRestMethodsAndLeavesEveryOtherRequestToIt() {
        long sku = shop.newSku(1);
        long sale = FlashSales.open(shop, sku, 1, 1);
        Accounts.Account winner = Accounts.customer();
        String winnersKey = Shop.newKey();
        Response won = FlashSales.buy(winner, sale, 1, winnersKey);
        assertThat(won.statusCode()).as(won.asString()).isEqualTo(201);

        Accounts.Account late = Accounts.customer();
        // The first sold-out answer comes from the REST method and the gate, and sets this server's marker.
        Response fromTheGate = FlashSales.buy(late, sale, 1);
        assertThat(fromTheGate.statusCode()).as(fromTheGate.asString()).isEqualTo(409);
        double byMarker = Metrics.counter("mall_flashsale_marker_sold_out_total");
        Response fromTheMarker = FlashSales.buy(Accounts.customer(), sale, 1);
        assertThat(fromTheMarker.statusCode()).as(fromTheMarker.asString()).isEqualTo(409);
        assertThat(fromTheMarker.contentType()).startsWith("application/problem+json");
        assertThat(fromTheMarker.jsonPath().getMap("")).isEqualTo(fromTheGate.jsonPath().getMap(""));
        assertThat(Metrics.counter("mall_flashsale_marker_sold_out_total") - byMarker).isGreaterThanOrEqualTo(1);

        // Requests the REST method refuses are refused as before, although the sale is sold out.
        String path = "/api/flash-sales/" + sale + "/orders";
        assertProblem(purchase(late).body(Map.of("quantity", 0)).post(path), 400, "validation");
        assertProblem(purchase(late).body(Map.of("quantity", 1001)).post(path), 400, "validation");
        assertProblem(purchase(late).body("{\"quantity\": 1").post(path), 400, "malformed-body");
        assertProblem(Shop.as(late).body(Map.of("quantity", 1)).post(path), 400, "validation");
        assertProblem(purchase(late).contentType(ContentType.TEXT).body("{\"quantity\": 1}").post(path), 415, "unsupported-media-type");
        assertProblem(given().baseUri(TestServer.baseUri()).header("Idempotency-Key", Shop.newKey())
                .contentType(ContentType.JSON).body(Map.of("quantity", 1)).post(path), 401, "unauthorized");
        assertProblem(unverified("not-a-token", Shop.newKey()).post(path), 401, "unauthorized");

        // "Sold out" is public (GET shows it): it is answered before the token's signature is verified.
        assertThat(unverified(forged(late), Shop.newKey()).post(path).jsonPath().getMap(""))
                .isEqualTo(fromTheGate.jsonPath().getMap(""));

        // A buyer's retry (its customer and its Idempotency-Key) is never answered from the marker: it gets the order
        // back, and only with its real token — Liberty verifies the token of every request the marker lets through
        // (it logs the token it refused: a forged signature, so that no usable token of this server lands in its logs).
        Response retry = FlashSales.buy(winner, sale, 1, winnersKey);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(200);
        assertThat(retry.jsonPath().getLong("id")).isEqualTo(won.jsonPath().getLong("id"));
        assertThat(unverified(forged(winner), winnersKey).post(path).statusCode()).isEqualTo(401);
        // The buyer's new purchase is sold out, like anyone's: a forged token naming the buyer cannot tell it bought.
        Response buyersNewPurchase = unverified(forged(winner), Shop.newKey()).post(path);
        assertThat(buyersNewPurchase.statusCode()).as(buyersNewPurchase.asString()).isEqualTo(409);
        assertThat(buyersNewPurchase.jsonPath().getMap("")).isEqualTo(fromTheGate.jsonPath().getMap(""));
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("reserved", 1);
    }

    @Test
    void tokensNamingACustomerDoNotSpendThatCustomersRateLimit() {
        long sale = FlashSales.open(shop, shop.newSku(1), 1, 1);
        assertThat(FlashSales.buy(Accounts.customer(), sale, 1).statusCode()).isEqualTo(201);
        Accounts.Account victim = Accounts.customer();
        assertThat(FlashSales.buy(victim, sale, 1).statusCode()).as("sets the marker").isEqualTo(409);
        String path = "/api/flash-sales/" + sale + "/orders";
        // Twice the customer's burst of 60 (the test server's limits), each with a signature of its own.
        for (int i = 0; i < 120; i++) {
            Response answer = unverified(forged(victim), Shop.newKey()).post(path);
            assertThat(answer.statusCode()).as("answer %d: %s", i, answer.asString()).isEqualTo(409);
        }
        Response own = FlashSales.buy(victim, sale, 1);
        assertThat(own.statusCode()).as("the victim's own request: %s", own.asString()).isEqualTo(409);
        assertThat(own.jsonPath().getString("type")).endsWith("sold-out");
    }

    @Test
    void aCustomerRepeatingItsTokenIsRateLimitedOnSoldOutAnswersToo() {
        long sale = FlashSales.open(shop, shop.newSku(1), 1, 1);
        assertThat(FlashSales.buy(Accounts.customer(), sale, 1).statusCode()).isEqualTo(201);
        Accounts.Account late = Accounts.customer();
        // The test server gives a customer a burst of 60 and one more a second: charged twice, a customer would be
        // refused after about 30 of these.
        for (int i = 0; i < 55; i++) {
            Response answer = FlashSales.buy(late, sale, 1);
            assertThat(answer.statusCode()).as("answer %d: %s", i, answer.asString()).isEqualTo(409);
        }
        Response refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            Response answer = FlashSales.buy(late, sale, 1);
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409);
            }
        }
        assertThat(refused).as("a 429 once the burst is spent").isNotNull();
        assertProblem(refused, 429, "rate-limited");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
    }

    /** The customer's token with a signature nobody made: what anyone who knows a customer's id can send. */
    private static String forged(Accounts.Account customer) {
        String token = customer.token();
        return token.substring(0, token.lastIndexOf('.') + 1) + Shop.newKey().replace("-", "");
    }

    private static RequestSpecification unverified(String token, String key) {
        return given().baseUri(TestServer.baseUri()).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("quantity", 1));
    }

    private static RequestSpecification purchase(Accounts.Account customer) {
        return Shop.as(customer).header("Idempotency-Key", Shop.newKey());
    }

    private static void assertProblem(Response answer, int status, String type) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("type")).endsWith(type);
        assertThat(answer.jsonPath().getString("type")).doesNotEndWith("sold-out");
    }
}
