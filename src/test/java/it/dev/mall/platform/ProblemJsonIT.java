package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;

import it.dev.mall.support.Probe;
import it.dev.mall.support.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Errors raised outside any business rule answer application/problem+json, without internals. Bad bodies are sent
 * to the probe's validated echo endpoint, which carries mall's own exception mappers.
 */
class ProblemJsonIT {

    private static final String ECHO = "/mall-probe/echo";

    @BeforeAll
    static void probeIsUp() {
        Probe.awaitReady();
    }

    @Test
    void malformedJsonIs400ProblemJson() {
        given().baseUri(TestServer.baseUri()).contentType("application/json").body("{\"name\": \"x\", ").post(ECHO).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed request body"))
                .body(not(containsString("Exception")));
    }

    @Test
    void wrongFieldTypeIs400ProblemJson() {
        given().baseUri(TestServer.baseUri()).contentType("application/json")
                .body("{\"name\": \"" + UUID.randomUUID().toString().substring(0, 8) + "\", \"quantity\": \"many\"}")
                .post(ECHO).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400));
    }

    @Test
    void invalidFieldsAre400WithOneErrorPerField() {
        given().baseUri(TestServer.baseUri()).contentType("application/json")
                .body("{\"name\": \"" + "n".repeat(21 + (int) (Math.random() * 50)) + "\", \"quantity\": 1000001}")
                .post(ECHO).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Invalid request"))
                .body("errors", hasSize(2))
                .body("errors.field", containsInAnyOrder("name", "quantity"));
    }

    @Test
    void emptyBodyIs400Malformed() {
        given().baseUri(TestServer.baseUri()).contentType("application/json").post(ECHO).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Malformed request body"));
    }

    @Test
    void nullBodyIs400NamingTheRequest() {
        given().baseUri(TestServer.baseUri()).contentType("application/json").body("null").post(ECHO).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("request"));
    }

    @Test
    void wrongMediaTypeIs415ProblemJson() {
        given().baseUri(TestServer.baseUri()).contentType("text/plain").body("hello").post(ECHO).then()
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
