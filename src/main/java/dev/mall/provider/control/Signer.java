package dev.mall.provider.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code sha256=<hex HMAC-SHA256>} of the exact bytes, compared in constant time. */
public final class Signer {

    public static final String HEADER = "X-Mall-Signature";
    private static final String PREFIX = "sha256=";

    private final byte[] secret;
    private final String name;

    Signer(String secret, String name) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.name = name;
    }

    public String sign(byte[] data) {
        return PREFIX + HexFormat.of().formatHex(hmac(data));
    }

    public String sign(String data) {
        return sign(data.getBytes(StandardCharsets.UTF_8));
    }

    public boolean verify(byte[] data, String presented) {
        if (secret == null || presented == null || !presented.startsWith(PREFIX)) {
            return false;
        }
        byte[] mac;
        try {
            mac = HexFormat.of().parseHex(presented.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(data), mac);
    }

    public boolean verify(String data, String presented) {
        return verify(data.getBytes(StandardCharsets.UTF_8), presented);
    }

    private byte[] hmac(byte[] data) {
        if (secret == null) {
            throw new IllegalStateException(name + " is not set");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
