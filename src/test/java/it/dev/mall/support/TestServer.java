package it.dev.mall.support;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Liberty test server ("mall-it") that Maven started for the ITs: where it answers, and how a fault test kills
 * and restarts it. Paths come from failsafe's system properties (pom profile "it").
 */
public final class TestServer {

    private TestServer() {
    }

    public static String baseUri() {
        return "http://127.0.0.1:" + System.getProperty("mall.it.port", "9081");
    }

    /** HTTPS, with Liberty's self-signed certificate: where Admin Center answers. */
    public static String httpsBaseUri() {
        return "https://127.0.0.1:" + System.getProperty("mall.it.https.port", "9444");
    }

    public static Path wlpHome() {
        return Path.of(System.getProperty("wlp.home", "target/liberty/wlp"));
    }

    public static String serverName() {
        return System.getProperty("liberty.server", "mall-it");
    }

    public static Path mallHome() {
        return Path.of(System.getProperty("mall.home", "."));
    }

    public static long pid() {
        Path pidFile = wlpHome().resolve("usr/servers/.pid/" + serverName() + ".pid");
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new IllegalStateException("no pid file at " + pidFile + ": is the test server running?", e);
        }
    }

    /** kill -9: no shutdown hook, no transaction log flush beyond what was already forced. */
    public static void killHard() {
        ProcessHandle process = ProcessHandle.of(pid())
                .orElseThrow(() -> new IllegalStateException("test server process is not running"));
        process.destroyForcibly();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Starts the server in the background (same environment as this JVM) and waits until readiness is UP. */
    public static void start() {
        Commands.run(Duration.ofMinutes(3), wlpHome().resolve("bin/server").toString(), "start", serverName());
        awaitReady(Duration.ofMinutes(3));
    }

    public static void awaitReady(Duration atMost) {
        await("readiness UP").atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> RestAssured.given().baseUri(baseUri()).get("/health/ready").statusCode() == 200);
    }
}
