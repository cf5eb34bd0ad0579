package dev.mall.payment.control;

import dev.mall.platform.signature.BodySignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's callback signature: {@code X-Mall-Signature: sha256=<hex HMAC-SHA256 of the raw body>} keyed with
 * MALL_PAYMENT_SECRET. Computed over the bytes as received (never a re-serialised body) and compared in constant time.
 */
@ApplicationScoped
public class CallbackSignature {

    public static final String HEADER = "X-Mall-Signature";

    private final BodySignature signature;

    @Inject
    public CallbackSignature(@ConfigProperty(name = "mall.payment.secret") Optional<String> secret) {
        this.signature = new BodySignature(secret, "MALL_PAYMENT_SECRET");
    }

    protected CallbackSignature() {
        this.signature = new BodySignature(Optional.empty(), "MALL_PAYMENT_SECRET");
    }

    public String sign(byte[] body) {
        return signature.sign(body);
    }

    public boolean verify(byte[] body, String header) {
        return signature.verify(body, header);
    }
}
