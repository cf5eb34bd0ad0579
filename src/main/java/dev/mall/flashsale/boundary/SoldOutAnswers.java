package dev.mall.flashsale.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mall.flashsale.control.FlashSaleOrders;
import dev.mall.flashsale.control.SaleFacts;
import dev.mall.flashsale.control.SoldOutMarkers;
import dev.mall.flashsale.entity.FlashSale;
import dev.mall.identity.boundary.PresentedTokens;
import dev.mall.ordering.boundary.IdempotencyKeys;
import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemCatalogue;
import dev.mall.platform.ratelimit.RateLimits;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * The crowd's answer at the cost of a no-op request (issue 11, docs/MONEY-PATH.md "The sold-out answer"): a purchase
 * in a flash sale that this server already knows is sold out ({@link SoldOutMarkers}) is answered here, in the web
 * container, before Liberty authenticates the caller's token and before the REST runtime, Bean Validation, the CDI
 * interceptors, the exception mappers and JSON-B — the same 409 problem+json {@link FlashSaleResource#buy} would give.
 * <p>
 * <b>Before authentication.</b> Liberty verifies bearer tokens only where a resource needs a caller
 * ({@code useAuthenticationDataForUnprotectedResource="false"} in server.xml: the REST layer's {@code @RolesAllowed}
 * asks for it), so this filter runs first. That the sale is sold out is public ({@code GET /api/flash-sales/{id}}),
 * so it is answered to a token that merely <em>reads</em> like a customer's of this server ({@link PresentedTokens});
 * verifying a token nobody has shown before cost more than the rest of the answer (docs/BENCHMARKS.md). What the
 * unverified token may influence is limited to what cannot hurt anyone else: the marker lets through only the
 * purchases the gate passed, by customer and Idempotency-Key (a retry, which the gate answers after Liberty verified
 * its token), so a forged token learns nothing about another customer; and the rate limit charged here is the
 * address's and the presented token's own ({@link RateLimits#refusePresented}), never the named customer's.
 * <p>
 * Only a request that the REST method would have taken as valid is answered here: a customer's token, a well-formed
 * Idempotency-Key, a JSON body whose {@code quantity} is an integer the method accepts, a sale this server has read,
 * after its start. Anything else — a missing, malformed or expired token, a bad body, a sale not yet cached, no
 * marker — goes on unchanged (the body read here is handed on) to be authenticated and answered as before.
 */
@WebFilter(urlPatterns = "/api/flash-sales/*", asyncSupported = true)
public class SoldOutAnswers extends HttpFilter {

    private static final Pattern PURCHASE = Pattern.compile("/api/flash-sales/(\\d{1,18})/orders");
    /** Larger bodies are handed on unread beyond this (a purchase is a dozen bytes). */
    private static final int BODY_LIMIT = 4096;

    @Inject
    SaleFacts facts;

    @Inject
    PresentedTokens tokens;

    @Inject
    SoldOutMarkers markers;

    @Inject
    RateLimits limits;

    @Inject
    Clock clock;

    @Inject
    @Metric(absolute = true, name = FlashSaleOrders.SOLD_OUT_BY_MARKER_METRIC,
            description = "Flash-sale requests answered sold out by this server's sold-out marker, without Redis")
    Counter soldOutByMarker;

    @Inject
    @Metric(absolute = true, name = RateLimits.LIMITED_METRIC, description = "Requests refused with 429 by the rate limits")
    Counter limited;

    private final Jsonb json = JsonbBuilder.create();
    /** Once: {@code Json.createReader} looks the provider up again on every call. */
    private final JsonReaderFactory readers = Json.createReaderFactory(Map.of());
    /** The answer's bytes per request path (one per sale; the path is part of the answer). */
    private final Cache<String, byte[]> soldOutAnswers = Caffeine.newBuilder().maximumSize(10_000).build();

    @Override
    public void destroy() {
        try {
            json.close();
        } catch (Exception e) {
            // nothing held that outlives the application
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Purchase> purchase = "POST".equals(request.getMethod()) ? purchase(request) : Optional.empty();
        if (purchase.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Purchase p = purchase.get();
        byte[] body = request.getInputStream().readNBytes(BODY_LIMIT);
        if (!acceptableBody(body)) {
            chain.doFilter(new ReplayedBody(request, body), response);
            return;
        }
        OptionalLong wait = limits.refusePresented(request.getRemoteAddr(), p.credential());
        if (wait.isPresent()) {
            limited.inc();
            long seconds = RateLimits.retryAfterSeconds(wait.getAsLong());
            response.setHeader("Retry-After", String.valueOf(seconds));
            answer(response, 429, bytes(RateLimits.problem(seconds), p.path()));
            return;
        }
        soldOutByMarker.inc();
        answer(response, 409, soldOutAnswers.get(p.path(),
                path -> bytes(ProblemCatalogue.problemOf(FlashSaleOrders.soldOut(p.sale())), path)));
    }

    private record Purchase(FlashSale sale, long credential, String path) {
    }

    /** The purchase, if everything but the body says this server may answer it sold out. Memory only. */
    private Optional<Purchase> purchase(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher m = PURCHASE.matcher(path);
        String key = request.getHeader(IdempotencyKeys.HEADER);
        if (!m.matches() || !IdempotencyKeys.valid(key)
                || !json(request.getContentType()) || !acceptsJson(request.getHeader("Accept"))) {
            return Optional.empty();
        }
        Optional<PresentedTokens.Presented> caller = tokens.customer(request.getHeader("Authorization"));
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        long saleId = Long.parseLong(m.group(1));
        if (!markers.soldOut(saleId, caller.get().customerId(), key)) {
            return Optional.empty();
        }
        return facts.cached(saleId)
                .filter(sale -> !clock.instant().isBefore(sale.startsAt()))
                .map(sale -> new Purchase(sale, caller.get().credential(), path));
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().equals("application/json");
    }

    private static boolean acceptsJson(String accept) {
        return accept == null || accept.isBlank() || accept.contains("application/json") || accept.contains("*/*")
                || accept.contains("application/*");
    }

    /** What {@link FlashSaleResource.Purchase} accepts: an object whose {@code quantity} is an integer 1 … 1000. */
    private boolean acceptableBody(byte[] body) {
        if (body.length == 0 || body.length == BODY_LIMIT) {
            return false;
        }
        try (JsonReader reader = readers.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object) || !(object.get("quantity") instanceof JsonNumber quantity)
                    || !quantity.isIntegral()) {
                return false;
            }
            long units = quantity.longValue();
            return units >= 1 && units <= FlashSaleResource.MAX_UNITS_PER_PURCHASE;
        } catch (JsonException | IllegalStateException e) {
            return false;
        }
    }

    private byte[] bytes(Problem problem, String path) {
        return json.toJson(problem.at(path)).getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(HttpServletResponse response, int status, byte[] bytes) throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The request with the body bytes this filter read put back in front of the rest of the stream. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final ServletInputStream stream;

        ReplayedBody(HttpServletRequest request, byte[] head) throws IOException {
            super(request);
            ServletInputStream rest = request.getInputStream();
            InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), rest);
            this.stream = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = all.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = all.read(buffer, offset, length);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the replayed body is read blocking");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }
    }
}
