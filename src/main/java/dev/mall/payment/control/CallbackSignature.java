package dev.mall.payment.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's callback signature: {@code X-Mall-Signature: sha256=<hex HMAC-SHA256 of the raw body>} keyed with
 * MALL_PAYMENT_SECRET. Computed over the bytes as received (never a re-serialised body) and compared in constant time.
 */
@ApplicationScoped
public class CallbackSignature {

    public static final String HEADER = "X-Mall-Signature";
    private static final String PREFIX = "sha256=";

    private final byte[] secret;

    @Inject
    public CallbackSignature(@ConfigProperty(name = "mall.payment.secret") Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    protected CallbackSignature() {
        this.secret = null;
    }

    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(body));
    }

    public boolean verify(byte[] body, String header) {
        if (secret == null || header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body), presented);
    }

    private byte[] hmac(byte[] body) {
        if (secret == null) {
            throw new IllegalStateException("MALL_PAYMENT_SECRET is not set");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
