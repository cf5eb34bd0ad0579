package dev.mall.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the identity domain's configured helpers from MP Config (environment variables MALL_JWT_*,
 * MALL_IDENTITY_PASSWORD_ITERATIONS; defaults in microprofile-config.properties). They are plain classes so that
 * unit tests construct them directly; here they become beans.
 */
@ApplicationScoped
public class IdentityConfiguration {

    @Inject
    @ConfigProperty(name = "mall.identity.password.iterations", defaultValue = "210000")
    int passwordIterations;

    @Inject
    @ConfigProperty(name = "mall.jwt.private-key-file")
    Optional<String> privateKeyFile;

    @Inject
    @ConfigProperty(name = "mall.jwt.issuer", defaultValue = "https://mall.dev")
    String issuer;

    @Inject
    @ConfigProperty(name = "mall.jwt.ttl", defaultValue = "PT1H")
    Duration tokenTimeToLive;

    // Both are final classes without a no-arg constructor, so they cannot be client proxies: @Singleton, not
    // @ApplicationScoped. Each is created once, at its first injection.
    @Produces
    @Singleton
    PasswordHashing passwordHashing() {
        return new PasswordHashing(passwordIterations);
    }

    @Produces
    @Singleton
    AccessTokenIssuer accessTokenIssuer() {
        Path keyFile = privateKeyFile.filter(file -> !file.isBlank()).map(Path::of)
                .orElseThrow(() -> new IllegalStateException("mall.jwt.private-key-file (environment variable "
                        + "MALL_JWT_PRIVATE_KEY_FILE) is not set: there is no key to sign access tokens with"));
        return new AccessTokenIssuer(SigningKeys.readPkcs8Pem(keyFile), issuer, tokenTimeToLive, Clock.systemUTC());
    }
}
