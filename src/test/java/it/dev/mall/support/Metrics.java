package it.dev.mall.support;

import static io.restassured.RestAssured.given;

/**
 * Reads one application counter from the test server's Prometheus text at /metrics (0 if not registered yet). /metrics
 * is Liberty's administrator-only endpoint on HTTPS: read as the Liberty administrator (MALL_LIBERTY_ADMIN_USER /
 * _PASSWORD), trusting the test server's self-signed certificate.
 */
public final class Metrics {

    private Metrics() {
    }

    public static double counter(String prometheusName) {
        return sum(prometheusName, "");
    }

    /**
     * The sum of {@code prometheusName}'s series whose labels contain {@code label} (e.g. {@code outcome="paid"}); a
     * gauge that could not read its source is NaN.
     */
    public static double sum(String prometheusName, String label) {
        String text = given().baseUri(TestServer.httpsBaseUri()).relaxedHTTPSValidation()
                .auth().preemptive().basic(Accounts.libertyAdminUser(), Accounts.libertyAdminPassword())
                .get("/metrics?scope=application")
                .then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if ((line.startsWith(prometheusName + "{") || line.startsWith(prometheusName + " ")) && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
