package dev.mall.identity.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mall.identity.control.AccessTokenIssuer;
import dev.mall.identity.entity.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PresentedTokensTest {

    private static final String ISSUER = "https://issuer.test";
    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    private static RSAKey key;

    private final long customer = ThreadLocalRandom.current().nextLong(1, 1_000_000_000);

    @BeforeAll
    static void generateKey() throws Exception {
        key = new RSAKeyGenerator(2048).generate();
    }

    private static PresentedTokens tokens() {
        PresentedTokens tokens = new PresentedTokens();
        tokens.issuer = ISSUER;
        tokens.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return tokens;
    }

    private static String token(String issuer, Instant issuedAt, long subject, Role role) {
        return new AccessTokenIssuer(key, issuer, Duration.ofMinutes(10), Clock.fixed(issuedAt, ZoneOffset.UTC))
                .issue(subject, "c" + subject + "@example.org", Set.of(role)).value();
    }

    @Test
    void aCustomerTokenOfThisIssuerNamesItsCustomerAndItsSignature() {
        String token = token(ISSUER, NOW.minusSeconds(60), customer, Role.CUSTOMER);

        PresentedTokens.Presented presented = tokens().customer("Bearer " + token).orElseThrow();

        assertThat(presented.customerId()).isEqualTo(customer);
        assertThat(tokens().customer("bearer " + token)).as("the scheme is case-insensitive").hasValue(presented);
        String another = token(ISSUER, NOW.minusSeconds(30), customer, Role.CUSTOMER);
        assertThat(tokens().customer("Bearer " + another).orElseThrow().credential())
                .as("another token of the same customer is another credential").isNotEqualTo(presented.credential());
    }

    @Test
    void aForgedSignatureIsNotNoticedHereThatIsLibertysWork() {
        String token = token(ISSUER, NOW.minusSeconds(60), customer, Role.CUSTOMER);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

        PresentedTokens.Presented genuine = tokens().customer("Bearer " + token).orElseThrow();
        assertThat(tokens().customer("Bearer " + forged)).hasValueSatisfying(p -> {
            assertThat(p.customerId()).isEqualTo(customer);
            assertThat(p.credential()).as("not the genuine token's").isNotEqualTo(genuine.credential());
        });
    }

    @Test
    void anythingButAnUnexpiredCustomerTokenOfThisIssuerIsLeftToLiberty() {
        PresentedTokens tokens = tokens();
        String valid = token(ISSUER, NOW.minusSeconds(60), customer, Role.CUSTOMER);

        assertThat(tokens.customer(null)).isEmpty();
        assertThat(tokens.customer("")).isEmpty();
        assertThat(tokens.customer(valid)).as("no scheme").isEmpty();
        assertThat(tokens.customer("Basic " + valid)).isEmpty();
        assertThat(tokens.customer("Bearer not-a-token")).isEmpty();
        assertThat(tokens.customer("Bearer a.b.c")).isEmpty();
        assertThat(tokens.customer("Bearer " + token("https://elsewhere.test", NOW.minusSeconds(60), customer, Role.CUSTOMER)))
                .as("another issuer").isEmpty();
        assertThat(tokens.customer("Bearer " + token(ISSUER, NOW.minus(Duration.ofMinutes(11)), customer, Role.CUSTOMER)))
                .as("expired").isEmpty();
        assertThat(tokens.customer("Bearer " + token(ISSUER, NOW.minusSeconds(60), customer, Role.ADMIN)))
                .as("an administrator (403 from the REST layer)").isEmpty();
    }
}
