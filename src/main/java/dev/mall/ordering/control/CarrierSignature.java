package dev.mall.ordering.control;

import dev.mall.platform.signature.BodySignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A carrier's delivery callback is signed like the payment provider's webhook, with a secret of its own:
 * {@code X-Mall-Signature: sha256=<hex HMAC-SHA256 of the raw body>} keyed with MALL_CARRIER_SECRET. Without the
 * secret no callback is accepted.
 */
@ApplicationScoped
public class CarrierSignature {

    private final BodySignature signature;

    @Inject
    public CarrierSignature(@ConfigProperty(name = "mall.carrier.secret") Optional<String> secret) {
        this.signature = new BodySignature(secret, "MALL_CARRIER_SECRET");
    }

    protected CarrierSignature() {
        this.signature = new BodySignature(Optional.empty(), "MALL_CARRIER_SECRET");
    }

    public boolean verify(byte[] body, String header) {
        return signature.verify(body, header);
    }
}
