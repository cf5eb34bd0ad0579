package dev.mall.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mall.identity.entity.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30.750Z");
    private static final String ISSUER = "https://issuer.test";

    private static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @Test
    void theTokenIsAnRs256JwtWithTypeAndNoKeyIdSignedByThePrivateKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer().issue(42, "ann@example.org", Set.of(Role.CUSTOMER)).value());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.getHeader().getKeyID()).as("Liberty's PEM key has no kid to match").isNull();
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
    }

    @Test
    void anotherKeyDoesNotVerifyTheSignature() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey otherKey = (RSAPublicKey) generator.generateKeyPair().getPublic();

        SignedJWT jwt = SignedJWT.parse(issuer().issue(42, "ann@example.org", Set.of(Role.CUSTOMER)).value());

        assertThat(jwt.verify(new RSASSAVerifier(otherKey))).isFalse();
    }

    @Test
    void theClaimsNameIssuerAudienceAccountEmailAndRoles() throws Exception {
        AccessToken token = issuer().issue(42, "ann@example.org", EnumSet.of(Role.CUSTOMER, Role.ADMIN));
        JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();

        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly("mall");
        assertThat(claims.getSubject()).isEqualTo("42");
        assertThat(claims.getStringClaim("upn")).isEqualTo("ann@example.org");
        assertThat(claims.getStringListClaim("groups")).containsExactly("admin", "customer");
        assertThat(UUID.fromString(claims.getJWTID())).isNotNull();
    }

    @Test
    void itExpiresOneTimeToLiveAfterIssueInWholeSeconds() throws Exception {
        AccessToken token = issuer().issue(7, "bo@example.org", Set.of(Role.CUSTOMER));
        JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();

        assertThat(claims.getIssueTime()).isEqualTo(Date.from(Instant.parse("2026-11-26T10:15:30Z")));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-11-26T11:15:30Z")));
        assertThat(token.expiresInSeconds()).isEqualTo(3600);
        assertThat(token.expiresAt()).isEqualTo(claims.getExpirationTime().toInstant());
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        AccessTokenIssuer issuer = issuer();
        String first = SignedJWT.parse(issuer.issue(1, "a@example.org", Set.of(Role.CUSTOMER)).value()).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(issuer.issue(1, "a@example.org", Set.of(Role.CUSTOMER)).value()).getJWTClaimsSet().getJWTID();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aPkcs1KeyIsRefusedWithAHintHowToConvertIt() throws Exception {
        Path file = dir.resolve("rsa.pem");
        Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> SigningKeys.readPkcs8Pem(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void garbageBetweenThePemMarkersIsRefused() throws Exception {
        Path file = dir.resolve("broken.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> SigningKeys.readPkcs8Pem(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a valid RSA private key");
    }

    @Test
    void aMissingKeyFileIsNamedInTheError() {
        Path missing = dir.resolve("absent.pem");

        assertThatThrownBy(() -> SigningKeys.readPkcs8Pem(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString());
    }

    /** An issuer whose key went through a PEM file, as in production. */
    private AccessTokenIssuer issuer() throws Exception {
        Path file = dir.resolve("private.pem");
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
        return new AccessTokenIssuer(SigningKeys.readPkcs8Pem(file), ISSUER, Duration.ofHours(1),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
