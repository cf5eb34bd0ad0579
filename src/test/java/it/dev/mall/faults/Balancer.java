package it.dev.mall.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HAProxy that bin/mall starts in front of the suite's servers (etc/haproxy/mall.cfg): where the clients send
 * their requests, and what it thinks of each server, read from its statistics page (CSV). Its servers are named
 * {@code mall1}, {@code mall2} in the order of the suite's nodes.
 */
final class Balancer {

    private final String baseUri;
    private final URI stats;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Balancer(String baseUri, URI stats) {
        this.baseUri = baseUri;
        this.stats = stats;
    }

    /** The balancer bin/mall faults started (MALL_FAULTS_BALANCER_URL, _STATS_URL), if it started one. */
    static Optional<Balancer> fromEnvironment() {
        String url = System.getenv("MALL_FAULTS_BALANCER_URL");
        String statsUrl = System.getenv("MALL_FAULTS_BALANCER_STATS_URL");
        if (url == null || url.isBlank() || statsUrl == null || statsUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Balancer(url, URI.create(statsUrl + ";csv")));
    }

    String baseUri() {
        return baseUri;
    }

    /** Waits until the balancer's health check took {@code server} out of rotation; the time from {@code since}. */
    Duration awaitOut(String server, Instant since, Duration atMost) {
        await("the balancer takes " + server + " out").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> status(server).startsWith("DOWN"));
        return Duration.between(since, Instant.now());
    }

    /** Waits until {@code server} is back in rotation (its checks passed again). */
    void awaitIn(String server, Duration atMost) {
        await("the balancer routes to " + server).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> status(server).startsWith("UP"));
    }

    /** HAProxy's status of one server: UP, DOWN, "UP 1/2" (going down), "DOWN 1/2" (coming back), MAINT... */
    String status(String server) {
        return row(server).get("status");
    }

    /**
     * Requests the balancer sent to another server after a connection to the first could not be made (the backend's
     * {@code wredis}), so far: requests it saved from a dead server without resending anything a server received.
     */
    long redispatched() {
        return Long.parseLong(row("BACKEND").getOrDefault("wredis", "0"));
    }

    private Map<String, String> row(String server) {
        List<String> lines = fetch().lines().toList();
        // The header line starts with "# ", then one line per frontend, server and backend.
        String[] header = lines.get(0).substring(2).split(",", -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            if (values.length > 1 && "mall".equals(values[0]) && server.equals(values[1])) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < Math.min(header.length, values.length); i++) {
                    row.put(header[i], values[i]);
                }
                return row;
            }
        }
        throw new IllegalStateException("no server " + server + " in the balancer's statistics: " + Arrays.toString(header));
    }

    private String fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(3)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("balancer statistics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("balancer statistics unreadable at " + stats, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
