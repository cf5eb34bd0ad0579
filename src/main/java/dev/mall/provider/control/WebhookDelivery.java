package dev.mall.provider.control;

import dev.mall.platform.tracing.Traceparent;
import dev.mall.provider.boundary.WebhookRetries;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Delivers one owed webhook: claims it (so that only one thread, on any server sharing the provider's database, sends
 * it at a time), POSTs the signed body to the shop and records the answer. A 2xx marks it delivered; anything else
 * (an error status, a refused connection, a timeout) schedules the next attempt after 1 s, 2 s, 4 s … capped at
 * MALL_PROVIDER_WEBHOOK_MAX_BACKOFF. The claim is a lease: if the process dies mid-delivery the webhook becomes due
 * again when the lease runs out, and {@link WebhookRetries} sends it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class.getName());
    /** Longer than a delivery can take (connect 3 s + answer 10 s). */
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    @Resource(lookup = "jdbc/provider")
    DataSource database;

    @Inject
    ProviderSettings settings;

    /** Right after the charge committed, without holding up the customer's page. */
    @Asynchronous
    public void deliverSoon(long webhookId) {
        deliver(webhookId);
    }

    public void deliver(long webhookId) {
        String body;
        String traceparent;
        int attempt;
        try (Connection c = database.getConnection()) {
            Instant now = Instant.now();
            try (PreparedStatement claim = c.prepareStatement("UPDATE webhook SET attempts = attempts + 1,"
                    + " next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL AND next_attempt_at <= ?")) {
                claim.setTimestamp(1, Timestamp.from(now.plus(LEASE)));
                claim.setLong(2, webhookId);
                claim.setTimestamp(3, Timestamp.from(now));
                if (claim.executeUpdate() == 0) {
                    return;
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT body, attempts, traceparent FROM webhook"
                    + " WHERE id = ?")) {
                select.setLong(1, webhookId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    body = row.getString(1);
                    attempt = row.getInt(2);
                    traceparent = row.getString(3);
                }
            }
        } catch (SQLException e) {
            LOG.warning(() -> "Webhook " + webhookId + " not claimed now: " + e);
            return;
        }
        String failure = post(body, traceparent);
        record(webhookId, attempt, failure);
    }

    /** Null on a 2xx, otherwise why not. The traceparent, if any, makes the shop's callback part of the checkout's trace. */
    private String post(String body, String traceparent) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.webhookUrl()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(Signer.HEADER, settings.webhookSigner().sign(bytes));
        if (Traceparent.parse(traceparent).isPresent()) {
            builder.header(Traceparent.NAME, traceparent);
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status + ": " + response.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private void record(long webhookId, int attempt, String failure) {
        Instant now = Instant.now();
        try (Connection c = database.getConnection();
             PreparedStatement update = c.prepareStatement(failure == null
                     ? "UPDATE webhook SET delivered_at = ?, last_error = NULL WHERE id = ?"
                     : "UPDATE webhook SET next_attempt_at = ?, last_error = ? WHERE id = ?")) {
            if (failure == null) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, webhookId);
            } else {
                Duration backoff = backoff(attempt, settings.maxBackoff());
                update.setTimestamp(1, Timestamp.from(now.plus(backoff)));
                update.setString(2, failure.length() > 300 ? failure.substring(0, 300) : failure);
                update.setLong(3, webhookId);
                LOG.info(() -> "Webhook " + webhookId + " attempt " + attempt + " failed (" + failure
                        + "); next in " + backoff);
            }
            update.executeUpdate();
        } catch (SQLException e) {
            // The lease runs out and the webhook is sent again: a duplicate, which the shop answers 200.
            LOG.warning(() -> "Webhook " + webhookId + " outcome not recorded: " + e);
        }
    }

    static Duration backoff(int attempt, Duration max) {
        long seconds = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration next = Duration.ofSeconds(seconds);
        return next.compareTo(max) > 0 ? max : next;
    }
}
