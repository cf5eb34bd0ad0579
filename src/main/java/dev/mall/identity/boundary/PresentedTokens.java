package dev.mall.identity.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mall.identity.control.AccessTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a request's bearer token <em>claims</em> about its caller, read without verifying its signature — for an answer
 * that is public anyway and that must cost less than verifying a token (a flash sale this server knows is sold out:
 * {@code GET /api/flash-sales/{id}} tells anyone as much). Nothing read here grants anything: every request that goes
 * on to do something is authenticated by Liberty's MP-JWT as always, and a claim read here may only choose between
 * "answer the public fact now" and "authenticate and go on".
 * <p>
 * A token is taken only if it reads like one of this server's customer tokens: a JWS whose issuer and audience are
 * this server's, not expired, with a numeric subject and the customer group. Anything else — no token, a malformed or
 * expired one, another issuer, an administrator — is {@link Optional#empty()}, so that Liberty answers it as before
 * (401, 403). The other domains still ask {@link CurrentCustomer} who is buying.
 */
@ApplicationScoped
public class PresentedTokens {

    private static final String BEARER = "Bearer ";

    /**
     * The token as the client presented it: its claimed customer, and the credential's identity — 64 bits of the
     * SHA-256 of its signature, so that anything kept per presented token (a rate-limit bucket) is small whatever a
     * client sends, and two tokens share one only by a collision nobody can aim at a token they do not hold.
     */
    public record Presented(long customerId, long credential) {
    }

    @Inject
    @ConfigProperty(name = "mall.jwt.issuer", defaultValue = "https://mall.dev")
    String issuer;

    Clock clock = Clock.systemUTC();

    /** The customer an {@code Authorization} header claims to be, if it reads like one of this server's tokens. */
    public Optional<Presented> customer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        try {
            SignedJWT token = SignedJWT.parse(authorization.substring(BEARER.length()).strip());
            JWTClaimsSet claims = token.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            List<String> groups = claims.getStringListClaim("groups");
            if (!issuer.equals(claims.getIssuer()) || claims.getAudience() == null
                    || !claims.getAudience().contains(AccessTokenIssuer.AUDIENCE)
                    || expires == null || !expires.toInstant().isAfter(clock.instant())
                    || groups == null || !groups.contains(CurrentCustomer.CUSTOMER)) {
                return Optional.empty();
            }
            return Optional.of(new Presented(Long.parseLong(claims.getSubject()), credential(token)));
        } catch (ParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long credential(SignedJWT token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getSignature().toString().getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
