package it.dev.mall.faults;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shop's REST API as the fault suite's clients call it, on whichever server they pick. Plain JDK HTTP (not REST
 * Assured) so that every failure can be told apart: a refused connection (never sent) from a reset or a timeout
 * (maybe applied). POST is never retried by the JDK client.
 */
final class ShopApi {

    /** Longer than a healthy request, shorter than the transaction timeout (30 s): a hung request is NO_ANSWER. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    Answer get(String baseUri, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path)).GET();
        return send(request, token);
    }

    Answer post(String baseUri, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        headers.forEach(request::header);
        return send(request, token);
    }

    Answer put(String baseUri, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        return send(request, token);
    }

    private Answer send(HttpRequest.Builder request, String token) {
        request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return Answer.of(response.statusCode(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return Answer.failed(Answer.Outcome.NOT_SENT, e);
        } catch (IOException e) {
            // java.net.ConnectException may also arrive wrapped as the cause of an IOException.
            return Answer.failed(e.getCause() instanceof ConnectException ? Answer.Outcome.NOT_SENT
                    : Answer.Outcome.NO_ANSWER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed(Answer.Outcome.NO_ANSWER, e);
        }
    }

    // --- the calls -------------------------------------------------------------------------------------------------

    Answer register(String baseUri, String email, String password) {
        return post(baseUri, "/api/auth/register", null, json("email", email, "password", password,
                "displayName", "fault suite"), Map.of());
    }

    Answer login(String baseUri, String email, String password) {
        return post(baseUri, "/api/auth/login", null, json("email", email, "password", password), Map.of());
    }

    /** POST /api/orders; {@code reservation} shortens the order's reservation (test hook), {@code fault} asks for one. */
    Answer placeOrder(String baseUri, String token, String key, Map<Long, Integer> lines, Duration reservation,
                      String fault) {
        StringJoiner items = new StringJoiner(",", "{\"items\":[", "]}");
        lines.forEach((sku, quantity) -> items.add("{\"skuId\":" + sku + ",\"quantity\":" + quantity + "}"));
        return post(baseUri, "/api/orders", token, items.toString(), hookHeaders(key, reservation, fault));
    }

    Answer buyFlash(String baseUri, String token, String key, long saleId, int quantity, Duration reservation) {
        return post(baseUri, "/api/flash-sales/" + saleId + "/orders", token, "{\"quantity\":" + quantity + "}",
                hookHeaders(key, reservation, null));
    }

    Answer pay(String baseUri, String token, long orderId, boolean succeed) {
        return post(baseUri, "/api/orders/" + orderId + "/pay", token,
                json("outcome", succeed ? "SUCCESS" : "FAILURE"), Map.of());
    }

    Answer cancel(String baseUri, String token, long orderId) {
        return post(baseUri, "/api/orders/" + orderId + "/cancel", token, "", Map.of());
    }

    /** The payment provider's signed callback, as the mock gateway sends it (and as a real one retries it). */
    Answer paymentCallback(String baseUri, long paymentId, String providerTxnId, long orderId, BigDecimal amount,
                           String outcome, String secret) {
        String body = "{\"paymentId\":" + paymentId + ",\"providerTxnId\":\"" + providerTxnId + "\",\"orderId\":"
                + orderId + ",\"amount\":" + amount.toPlainString() + ",\"outcome\":\"" + outcome + "\"}";
        return post(baseUri, "/api/payments/callback", null, body, Map.of("X-Mall-Signature", sign(body, secret)));
    }

    long createSku(String baseUri, String adminToken, String name, int units) {
        Answer category = post(baseUri, "/api/admin/categories", adminToken, json("name", name), Map.of());
        require(category, "create category");
        long categoryId = category.json().getLong("id");
        Answer product = post(baseUri, "/api/admin/products", adminToken, "{\"name\":\"" + name
                + "\",\"description\":\"fault suite stock\",\"categoryId\":" + categoryId
                + ",\"skus\":[{\"name\":\"unit\",\"price\":\"10.00\",\"initialStock\":" + units + "}]}", Map.of());
        require(product, "create product");
        return product.json().getLong("skus[0].id");
    }

    long openFlashSale(String baseUri, String adminToken, long skuId, int units, int perCustomerLimit) {
        return openFlashSale(baseUri, adminToken, skuId, units, perCustomerLimit, false);
    }

    /** {@code queued}: buyers get tickets (202) and the orders come from the queue. */
    long openFlashSale(String baseUri, String adminToken, long skuId, int units, int perCustomerLimit, boolean queued) {
        Instant now = Instant.now();
        Answer sale = post(baseUri, "/api/admin/flash-sales", adminToken, "{\"skuId\":" + skuId + ",\"quantity\":"
                + units + ",\"perCustomerLimit\":" + perCustomerLimit + ",\"price\":\"5.00\",\"startsAt\":\""
                + now.minusSeconds(60) + "\",\"endsAt\":\"" + now.plus(Duration.ofHours(2)) + "\",\"queued\":"
                + queued + "}", Map.of());
        require(sale, "open flash sale");
        return sale.json().getLong("id");
    }

    Answer audit(String baseUri, String adminToken, Iterable<Long> skuIds) {
        StringJoiner query = new StringJoiner("&", "?", "");
        skuIds.forEach(id -> query.add("skuId=" + id));
        return get(baseUri, "/api/admin/audit/stock" + query, adminToken);
    }

    boolean ready(String baseUri) {
        return get(baseUri, "/health/ready", null).ok();
    }

    static Answer require(Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + " failed: " + answer + " " + answer.body());
        }
        return answer;
    }

    private static Map<String, String> hookHeaders(String key, Duration reservation, String fault) {
        java.util.HashMap<String, String> headers = new java.util.HashMap<>();
        headers.put("Idempotency-Key", key);
        if (reservation != null) {
            headers.put("X-Mall-Reservation-Timeout", reservation.toString());
        }
        if (fault != null) {
            headers.put("X-Mall-Fault", fault);
        }
        return headers;
    }

    /** A flat JSON object of string values; the values here are generated by the suite (no escaping needed). */
    private static String json(String... keysAndValues) {
        StringJoiner json = new StringJoiner(",", "{", "}");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.add("\"" + keysAndValues[i] + "\":\"" + keysAndValues[i + 1] + "\"");
        }
        return json.toString();
    }

    static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
