package it.dev.mall.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fault headers (X-Mall-Fault, X-Mall-Reservation-Timeout) steer only a test server. This test starts a second
 * Liberty server with the production configuration — the build's server.xml and applications, without the test
 * server's configDropins override — on the test databases and broker (but a transaction log database of its own: a
 * transaction log belongs to one server, or to a recovery group), and sends it both headers: the order is placed as if
 * they were not there (no injected failure, the configured 15-minute reservation).
 */
class ProductionConfigurationIT {

    private static final String SERVER = "mall-prodcheck";
    private static final int HTTP_PORT = 9095;
    private static final int HTTPS_PORT = 9458;

    @Test
    void aServerWithTheProductionConfigurationIgnoresTheFaultHeaders() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = new Shop().newSku(2);
        Path server = createProductionServer();
        String tranlog = ownTransactionLogDatabase();
        try {
            start(server, tranlog);
            String base = "http://127.0.0.1:" + HTTP_PORT;
            await("the production-configured server ready").atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> given().baseUri(base).get("/health/ready").statusCode() == 200);

            Response placed = given().baseUri(base).contentType(ContentType.JSON)
                    .header("Authorization", customer.bearer()).header("Idempotency-Key", Shop.newKey())
                    .header("X-Mall-Fault", "after-order-insert").header("X-Mall-Reservation-Timeout", "PT3S")
                    .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)))).post("/api/orders");
            assertThat(placed.statusCode()).as("X-Mall-Fault ignored: " + placed.asString()).isEqualTo(201);
            Instant expiresAt = Instant.parse(placed.jsonPath().getString("expiresAt"));
            assertThat(expiresAt).as("X-Mall-Reservation-Timeout ignored: the configured reservation")
                    .isAfter(Instant.now().plus(Duration.ofMinutes(10)));
        } finally {
            stop(server);
        }
    }

    /** The test server's directory minus its override (configDropins), logs and work area. */
    private static Path createProductionServer() throws IOException {
        Path servers = TestServer.wlpHome().resolve("usr/servers");
        Path from = servers.resolve(TestServer.serverName());
        Path to = servers.resolve(SERVER);
        delete(to);
        Files.createDirectories(to.resolve("apps"));
        for (String file : List.of("server.xml", "jvm.options", "server.env")) {
            if (Files.exists(from.resolve(file))) {
                Files.copy(from.resolve(file), to.resolve(file));
            }
        }
        for (String app : List.of("mall.war", "mall-provider.war")) {
            Files.copy(from.resolve("apps").resolve(app), to.resolve("apps").resolve(app));
        }
        copyTree(from.resolve("resources"), to.resolve("resources"));
        assertThat(to.resolve("configDropins")).doesNotExist();
        assertThat(Files.readString(to.resolve("server.xml"))).doesNotContain("test-hooks");
        return to;
    }

    /** A fresh database for its transaction log, created as bin/mall creates the others (root, MALL_DB_ROOT_*). */
    private static String ownTransactionLogDatabase() throws java.sql.SQLException {
        String name = System.getenv().getOrDefault("MALL_DB_TRANLOG", "mall_tranlog") + "_prodcheck";
        String url = "jdbc:mysql://" + env("MALL_DB_HOST", "127.0.0.1") + ":" + env("MALL_DB_PORT", "3306")
                + "/?allowPublicKeyRetrieval=true";
        try (java.sql.Connection root = java.sql.DriverManager.getConnection(url, env("MALL_DB_ROOT_USER", "root"),
                env("MALL_DB_ROOT_PASSWORD", "")); java.sql.Statement sql = root.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS `" + name + "`");
            sql.execute("CREATE DATABASE `" + name + "`");
            for (String host : List.of("127.0.0.1", "localhost")) {
                sql.execute("GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + env("MALL_DB_USER", "mall") + "'@'"
                        + host + "'");
            }
        }
        return name;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static void start(Path server, String tranlog) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(TestServer.wlpHome().resolve("bin/server").toString(), "start",
                SERVER).redirectErrorStream(true).redirectOutput(server.resolve("start.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("MALL_HTTP_PORT", Integer.toString(HTTP_PORT));
        env.put("MALL_HTTPS_PORT", Integer.toString(HTTPS_PORT));
        // Its own transaction recovery identity and transaction log, beside the test server.
        env.put("MALL_SERVER_ID", "prodcheck");
        env.put("MALL_DB_TRANLOG", tranlog);
        env.put("MALL_HTTP_HOST", "127.0.0.1");
        env.put("MALL_DEMO_DATA", "false");
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("server start returned").isTrue();
    }

    private static void stop(Path server) throws Exception {
        Process process = new ProcessBuilder(TestServer.wlpHome().resolve("bin/server").toString(), "stop", SERVER)
                .redirectErrorStream(true).redirectOutput(server.resolve("stop.log").toFile()).start();
        process.waitFor(2, TimeUnit.MINUTES);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
