package dev.mall.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mall.identity.entity.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues the MP-JWT access token of a login: RS256, {@code iss}/{@code aud} as Liberty's {@code <mpJwt>} expects
 * them, {@code sub} = the account id (what {@code CurrentCustomer} reads), {@code upn} = the email (Liberty's user
 * name), {@code groups} = the roles. There is no refresh token: a client logs in again when {@code exp} is near.
 */
public final class AccessTokenIssuer {

    public static final String AUDIENCE = "mall";

    private final JWSSigner signer;
    private final String issuer;
    private final Duration timeToLive;
    private final Clock clock;

    public AccessTokenIssuer(RSAKey signingKey, String issuer, Duration timeToLive, Clock clock) {
        Objects.requireNonNull(signingKey, "signingKey");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timeToLive.toSeconds() < 1) {
            throw new IllegalArgumentException("Token lifetime must be at least one second: " + timeToLive);
        }
        try {
            // Refuses keys under 2048 bits, which is what we want from a configuration mistake.
            this.signer = new RSASSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("The JWT signing key cannot sign RS256", e);
        }
    }

    public AccessToken issue(long accountId, String email, Collection<Role> roles) {
        // JWT times are whole seconds; truncating first makes expiresIn and exp - iat agree exactly.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plusSeconds(timeToLive.toSeconds());
        List<String> groups = roles.stream().map(Role::groupName).sorted().toList();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(Long.toString(accountId))
                .claim("upn", email)
                .claim("groups", groups)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        // No "kid": Liberty's mpJwt reads the PEM public key into a JWK without a key id, so a token that names one
        // never finds it in Liberty's key cache. Every request then re-read and re-parsed the key file and added one
        // more entry to a set that each lookup walks (≈ 4 ms of CPU per request after a few thousand logins, JFR of
        // bench W3, docs/BENCHMARKS.md). Without a kid the single cached key is used at once.
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT token = new SignedJWT(header, claims);
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the access token failed", e);
        }
        return new AccessToken(token.serialize(), issuedAt, expiresAt);
    }
}
