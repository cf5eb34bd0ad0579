package dev.mall.identity.boundary;

import dev.mall.identity.control.AccessToken;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A successful login: send {@code accessToken} as {@code Authorization: Bearer <accessToken>}. */
@Schema(name = "Token")
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {

    static TokenResponse of(AccessToken token) {
        return new TokenResponse(token.value(), "Bearer", token.expiresInSeconds());
    }
}
