package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * /metrics shows the shop's business counters: only Liberty's administrator reads it, over HTTPS, as a Prometheus
 * scraper configured with basic authentication does. The public HTTP port and anonymous callers get nothing.
 */
class MetricsSecurityIT {

    @Test
    void anonymousCallersAndShopAccountsReadNoMetrics() {
        Response plain = given().baseUri(TestServer.baseUri()).redirects().follow(false).get("/metrics?scope=application");
        assertThat(plain.statusCode()).as("the public HTTP port").isNotEqualTo(200);
        assertThat(plain.asString()).doesNotContain("mall_");

        Response anonymous = given().baseUri(TestServer.httpsBaseUri()).relaxedHTTPSValidation()
                .get("/metrics?scope=application");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.asString()).doesNotContain("mall_");

        Accounts.Account customer = Accounts.customer();
        Response shopAccount = given().baseUri(TestServer.httpsBaseUri()).relaxedHTTPSValidation()
                .auth().preemptive().basic(customer.email(), customer.password()).get("/metrics?scope=application");
        assertThat(shopAccount.statusCode()).as("a shop customer is no Liberty administrator").isIn(401, 403);

        Response bearer = given().baseUri(TestServer.httpsBaseUri()).relaxedHTTPSValidation()
                .header("Authorization", customer.bearer()).get("/metrics?scope=application");
        assertThat(bearer.statusCode()).isIn(401, 403);
    }

    @Test
    void theLibertyAdministratorScrapesThemOverHttps() {
        Response metrics = given().baseUri(TestServer.httpsBaseUri()).relaxedHTTPSValidation()
                .auth().preemptive().basic(Accounts.libertyAdminUser(), Accounts.libertyAdminPassword())
                .get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.asString()).contains("# TYPE");
    }
}
