package dev.mall.payment.control;

import dev.mall.payment.boundary.GatewayOutcome;
import dev.mall.payment.entity.Payment;
import dev.mall.platform.transaction.AfterCommit;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import dev.mall.platform.domain.Refusal;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The shop's side of the payment provider (the separate application {@code dev.mall.provider}, by default at
 * {@code /provider} of the same server). Where it is comes from configuration only (MALL_PROVIDER_URL); what the shop
 * sends it is signed with MALL_PROVIDER_API_SECRET:
 * <ul>
 * <li>the checkout URL the customer is sent to carries the payment, its order and amount and their signature, so the
 * page charges exactly what the shop asked;</li>
 * <li>refunds are a signed server-to-server request with an idempotency key.</li>
 * </ul>
 */
@ApplicationScoped
public class PaymentProvider {

    private static final Logger LOG = Logger.getLogger(PaymentProvider.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    /**
     * The provider refused (409 {@code refund-failed}) or could not be asked (502 {@code refund-failed}): the caller's
     * transaction must not record a refund.
     */
    public static class RefundFailed extends Refusal {

        private static final long serialVersionUID = 1L;

        private final int status;

        RefundFailed(int status, String message) {
            super(status == 0 ? "refund-provider-unreachable" : "refund-failed", message);
            this.status = status;
        }

        /** The provider's HTTP status, 0 if it did not answer. */
        public int status() {
            return status;
        }
    }

    @Inject
    @ConfigProperty(name = "MALL_PROVIDER_URL")
    Optional<String> providerUrl;

    @Inject
    @ConfigProperty(name = "MALL_HTTP_PORT", defaultValue = "9080")
    int httpPort;

    @Inject
    @ConfigProperty(name = "MALL_PROVIDER_API_SECRET")
    Optional<String> apiSecret;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    public URI checkoutUrl(Payment payment) {
        String canonical = "payment=" + payment.id() + "&order=" + payment.orderId() + "&amount="
                + payment.amount().toPlainString();
        return URI.create(base() + "/checkout?" + canonical + "&sig="
                + URLEncoder.encode(sign(canonical.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    /**
     * Refunds {@code amount} of a payment at the provider, synchronously, before the caller's transaction records it.
     * The same key always means the same refund at the provider, so a transaction that rolls back after the provider
     * refunded is repaired by asking again with the key: the provider answers its first refund and does not pay twice.
     */
    public void refund(long paymentId, BigDecimal amount, String refundKey) {
        byte[] body = Json.createObjectBuilder().add("paymentId", paymentId).add("amount", amount)
                .add("refundKey", refundKey).build().toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/refunds"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header(CallbackSignature.HEADER, sign(body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RefundFailed(0, "the payment provider did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefundFailed(0, "interrupted while asking the payment provider");
        }
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            String reason = response.body();
            try {
                JsonObject error = Json.createReader(new StringReader(reason)).readObject();
                reason = error.getString("error", reason);
            } catch (RuntimeException e) {
                // not JSON: keep the raw body
            }
            throw new RefundFailed(response.statusCode(), "the payment provider refused the refund: " + reason);
        }
    }

    /**
     * MALL_PAYMENT_TEST_MODE only: once the current transaction has committed, submits the checkout page with the
     * outcome a test asked for, as the customer's browser would. The provider stays in the loop (charge, signed
     * webhook, retries); only the customer's click is played by the shop.
     */
    public void submitCheckoutAfterCommit(URI checkoutUrl, GatewayOutcome outcome) {
        AfterCommit.run(transactions, () -> {
            HttpRequest submit = HttpRequest.newBuilder(checkoutUrl).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("outcome=" + outcome.name())).build();
            HTTP.sendAsync(submit, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 200) {
                    LOG.warning(() -> "Test-mode checkout of " + checkoutUrl + " failed: "
                            + (error != null ? error : "HTTP " + response.statusCode()));
                }
            });
        });
    }

    private String base() {
        return providerUrl.filter(url -> !url.isBlank()).orElse("http://127.0.0.1:" + httpPort + "/provider")
                .replaceAll("/+$", "");
    }

    private String sign(byte[] data) {
        byte[] secret = apiSecret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("MALL_PROVIDER_API_SECRET is not set"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
