package it.dev.mall.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;

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
        return exchange(request);
    }

    private Answer exchange(HttpRequest.Builder request) {
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
        return placeOrder(baseUri, token, key, lines, null, reservation, fault);
    }

    /** As above, with the coupon {@code coupon} (null: none). */
    Answer placeOrder(String baseUri, String token, String key, Map<Long, Integer> lines, String coupon,
                      Duration reservation, String fault) {
        StringJoiner items = new StringJoiner(",", "{\"items\":[", "]" + (coupon == null ? "" : ",\"couponCode\":\""
                + coupon + "\"") + "}");
        lines.forEach((sku, quantity) -> items.add("{\"skuId\":" + sku + ",\"quantity\":" + quantity + "}"));
        return post(baseUri, "/api/orders", token, items.toString(), hookHeaders(key, reservation, fault));
    }

    /** A coupon of 1.00 off every order, valid for a day, without limits; returns its code. */
    String createCoupon(String baseUri, String adminToken, String code) {
        Instant now = Instant.now();
        require(post(baseUri, "/api/admin/coupons", adminToken, json("code", code, "kind", "AMOUNT", "value", "1.00",
                "startsAt", now.minusSeconds(60).toString(), "endsAt", now.plus(Duration.ofDays(1)).toString()),
                Map.of()), "create coupon");
        return code;
    }

    Answer buyFlash(String baseUri, String token, String key, long saleId, int quantity, Duration reservation) {
        return post(baseUri, "/api/flash-sales/" + saleId + "/orders", token, "{\"quantity\":" + quantity + "}",
                hookHeaders(key, reservation, null));
    }

    /** What a customer's payment got: the shop's answer to /pay and, if it opened one, the checkout page's. */
    record PayAttempt(Answer opened, Answer checkout) {

        /** The provider told the customer it took the payment (or declined it): the webhook is owed to the shop. */
        boolean acknowledged() {
            return checkout != null && checkout.ok();
        }
    }

    /**
     * Pays as a customer does: {@code POST /pay} opens the payment, then the provider's hosted checkout page (on the
     * server that answered, where the shop's checkoutUrl points) is submitted with SUCCESS or FAILURE.
     */
    PayAttempt pay(String baseUri, String token, long orderId, boolean succeed) {
        Answer opened = post(baseUri, "/api/orders/" + orderId + "/pay", token, "", Map.of());
        if (!opened.ok()) {
            return new PayAttempt(opened, null);
        }
        HttpRequest.Builder form = HttpRequest.newBuilder(URI.create(opened.json().getString("checkoutUrl")))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("outcome=" + (succeed ? "SUCCESS" : "FAILURE")));
        return new PayAttempt(opened, exchange(form));
    }

    Answer cancel(String baseUri, String token, long orderId) {
        return post(baseUri, "/api/orders/" + orderId + "/cancel", token, "", Map.of());
    }

    /** A warehouse of the run; returns its id. */
    long createWarehouse(String baseUri, String adminToken, String code, int priority) {
        Answer warehouse = post(baseUri, "/api/admin/warehouses", adminToken, "{\"code\":\"" + code
                + "\",\"name\":\"fault suite\",\"priority\":" + priority + "}", Map.of());
        require(warehouse, "create warehouse");
        return warehouse.json().getLong("id");
    }

    /** Moves {@code quantity} free units of the SKU between two warehouses. */
    void transferStock(String baseUri, String adminToken, long skuId, long from, long to, int quantity) {
        require(post(baseUri, "/api/admin/stock-transfers", adminToken, "{\"skuId\":" + skuId + ",\"fromWarehouseId\":"
                + from + ",\"toWarehouseId\":" + to + ",\"quantity\":" + quantity + "}", Map.of()), "transfer stock");
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
}
