package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import it.dev.mall.support.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Errors raised outside any business rule still answer application/problem+json, without internals. */
class ProblemJsonIT {

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
