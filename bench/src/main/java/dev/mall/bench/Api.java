package dev.mall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The shop's REST API for the suite's own set-up and checks (never for measured requests: those are Gatling's). */
public final class Api {

    public record Answer(int status, String body) {
        public JsonNode json() {
            return Json.parse(body);
        }

        public Answer expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new IllegalStateException("HTTP " + status + ": " + body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public Api() {
        this(BenchConfig.baseUrl());
    }

    public Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Answer post(String path, String token, Object body) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    public Answer put(String path, String token, Object body) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An access token of the shop's administrator (MALL_ADMIN_EMAIL / MALL_ADMIN_PASSWORD). */
    public String adminToken() {
        return login(BenchConfig.env("MALL_ADMIN_EMAIL", "admin@mall.local"), BenchConfig.env("MALL_ADMIN_PASSWORD", ""));
    }

    public String login(String email, String password) {
        return post("/api/auth/login", null, java.util.Map.of("email", email, "password", password)).expect(200)
                .json().get("accessToken").asText();
    }

    /**
     * A text value of a metric from /metrics (Prometheus text), 0 if absent. Sums all series of that name. /metrics is
     * Liberty's administrator-only endpoint over HTTPS (self-signed certificate on the local bench server), read as
     * MALL_LIBERTY_ADMIN_USER with basic authentication.
     */
    public double metric(String name) {
        String credentials = BenchConfig.env("MALL_LIBERTY_ADMIN_USER", "admin") + ":"
                + BenchConfig.env("MALL_LIBERTY_ADMIN_PASSWORD", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(BenchConfig.httpsBaseUrl() + "/metrics?scope=application"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "text/plain")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .GET().build();
        String text;
        try {
            HttpResponse<String> response = LocalTls.client().send(request, HttpResponse.BodyHandlers.ofString());
            text = new Answer(response.statusCode(), response.body()).expect(200).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
