package dev.mall.platform.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A request body signed by whoever holds a shared secret: {@code sha256=<hex HMAC-SHA256 of the raw body>}, as the
 * payment provider signs its webhooks and a carrier its delivery callbacks. Computed over the bytes as received
 * (never a re-serialised body) and compared in constant time. Without a secret nothing verifies.
 */
public final class BodySignature {

    private static final String PREFIX = "sha256=";

    private final byte[] secret;
    private final String secretName;

    /** {@code secretName}: the setting the secret comes from, for the error when it is missing. */
    public BodySignature(Optional<String> secret, String secretName) {
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.secretName = secretName;
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
            throw new IllegalStateException(secretName + " is not set");
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
