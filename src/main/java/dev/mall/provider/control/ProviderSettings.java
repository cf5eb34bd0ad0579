package dev.mall.provider.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The provider's configuration. The webhook goes to the shop's configured public URL and nowhere else: no request
 * the provider receives names where it connects.
 */
@ApplicationScoped
public class ProviderSettings {

    @Inject
    @ConfigProperty(name = "MALL_PAYMENT_SECRET")
    Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "MALL_PROVIDER_API_SECRET")
    Optional<String> apiSecret;

    @Inject
    @ConfigProperty(name = "MALL_PUBLIC_URL")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "MALL_HTTP_PORT", defaultValue = "9080")
    int httpPort;

    @Inject
    @ConfigProperty(name = "MALL_PROVIDER_WEBHOOK_MAX_BACKOFF", defaultValue = "PT30S")
    Duration maxBackoff;

    /** Signs the webhooks (the shop verifies them with the same MALL_PAYMENT_SECRET). */
    public Signer webhookSigner() {
        return new Signer(webhookSecret.orElse(null), "MALL_PAYMENT_SECRET");
    }

    /** Verifies what the shop signs: checkout links and refund requests. */
    public Signer apiSigner() {
        return new Signer(apiSecret.orElse(null), "MALL_PROVIDER_API_SECRET");
    }

    public URI webhookUrl() {
        String base = publicUrl.filter(url -> !url.isBlank()).orElse("http://127.0.0.1:" + httpPort);
        return URI.create(base.replaceAll("/+$", "") + "/api/payments/callback");
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }
}
