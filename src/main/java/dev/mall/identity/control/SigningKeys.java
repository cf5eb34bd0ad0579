package dev.mall.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Reads the token signing key: an RSA private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the format
 * {@code bin/lib/JwtKeys.java} writes and {@code openssl genpkey} produces. The public half is derived from the
 * private key's CRT parameters, so only one file is needed here; the key id is the RFC 7638 thumbprint of that
 * public key, so it changes by itself when the key is replaced.
 */
public final class SigningKeys {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKeys() {
    }

    public static RSAKey readPkcs8Pem(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the JWT signing key " + file, e);
        }
        return parsePkcs8Pem(pem, file.toString());
    }

    static RSAKey parsePkcs8Pem(String pem, String source) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            String hint = pem.contains("BEGIN RSA PRIVATE KEY")
                    ? " (it is PKCS#1: convert it with `openssl pkcs8 -topk8 -nocrypt`)"
                    : "";
            throw new IllegalStateException("The JWT signing key " + source + " is not a PKCS#8 PEM private key" + hint);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey privateKey)) {
                throw new IllegalStateException("The JWT signing key " + source + " lacks the RSA CRT parameters");
            }
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException | JOSEException e) {
            throw new IllegalStateException("The JWT signing key " + source + " is not a valid RSA private key", e);
        }
    }
}
