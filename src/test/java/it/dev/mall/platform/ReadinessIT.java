package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import it.dev.mall.support.Commands;
import it.dev.mall.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness reflects each dependency: Redis stopped makes it DOWN, naming Redis; Redis back makes it UP. */
class ReadinessIT {

    @Test
    void readinessIsDownNamingRedisWhileRedisIsStoppedAndUpWhenItIsBack() {
        TestServer.awaitReady(Duration.ofMinutes(1));
        given().baseUri(TestServer.baseUri()).get("/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("databases"))
                .body("checks.name", hasItem("broker"))
                .body("checks.name", hasItem("redis"));

        Commands.service("redis", "stop");
        try {
            await("readiness DOWN").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> given().baseUri(TestServer.baseUri()).get("/health/ready").then()
                            .statusCode(503)
                            .body("status", equalTo("DOWN"))
                            .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"))
                            .body("checks.find { it.name == 'databases' }.status", equalTo("UP")));
        } finally {
            Commands.service("redis", "start");
        }
        await("readiness UP again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().baseUri(TestServer.baseUri()).get("/health/ready").then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'redis' }.status", equalTo("UP")));
    }

    @Test
    void livenessIsUp() {
        given().baseUri(TestServer.baseUri()).get("/health/live").then()
                .statusCode(200)
                .body("checks.name", hasItem("threads"));
    }
}
