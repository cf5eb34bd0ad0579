package it.dev.mall.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Client of the test probe application (it.dev.mall.probe) on the test server. */
public final class Probe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Probe() {
    }

    /** Runs one probe transaction, held open {@code holdMillis} after its writes; the HTTP status (204 committed). */
    public static int transaction(String id, long holdMillis) throws IOException, InterruptedException {
        URI uri = URI.create(TestServer.baseUri() + "/mall-probe/transactions/" + id + "?hold=" + holdMillis);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static void awaitReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestServer.baseUri() + "/mall-probe/transactions/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await("probe application started").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
