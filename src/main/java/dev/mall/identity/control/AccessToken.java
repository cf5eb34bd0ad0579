package dev.mall.identity.control;

import java.time.Duration;
import java.time.Instant;

/** A signed access token and when it stops being accepted. */
public record AccessToken(String value, Instant issuedAt, Instant expiresAt) {

    /** Seconds from issue to expiry, the {@code expiresIn} a client schedules its next login by. */
    public long expiresInSeconds() {
        return Duration.between(issuedAt, expiresAt).toSeconds();
    }
}
