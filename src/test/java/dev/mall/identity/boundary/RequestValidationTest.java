package dev.mall.identity.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request records' constraints, as the REST layer's Bean Validation applies them. */
class RequestValidationTest {

    private final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void aValidRegistrationPasses() {
        assertThat(violations(new RegisterRequest("ann@example.org", "12345678", "Ann"))).isEmpty();
        assertThat(violations(new RegisterRequest("ann@example.org", "x".repeat(128), "A".repeat(100)))).isEmpty();
    }

    @Test
    void eachInvalidRegistrationFieldIsNamedWithAnActionableMessage() {
        Map<String, String> errors = violations(new RegisterRequest("not-an-email", "short", " "));

        assertThat(errors).containsOnlyKeys("email", "password", "displayName");
        assertThat(errors.get("email")).isEqualTo("must be a valid email address");
        assertThat(errors.get("password")).isEqualTo("must be 8 to 128 characters long");
        assertThat(errors.get("displayName")).isEqualTo("must not be blank");
    }

    @Test
    void oversizedRegistrationFieldsAreRefused() {
        String longEmail = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".org";

        Map<String, String> errors = violations(new RegisterRequest(longEmail, "x".repeat(129), "A".repeat(101)));

        assertThat(errors).containsOnlyKeys("email", "password", "displayName");
    }

    @Test
    void missingRegistrationFieldsAreRefused() {
        assertThat(violations(new RegisterRequest(null, null, null))).containsOnlyKeys("email", "password", "displayName");
    }

    @Test
    void loginNeedsBothFieldsButNotAValidPasswordPolicy() {
        assertThat(violations(new LoginRequest("ann@example.org", "x"))).isEmpty();
        assertThat(violations(new LoginRequest(" ", ""))).containsOnlyKeys("email", "password");
    }

    @Test
    void passwordsDoNotAppearInTheRequestsToString() {
        assertThat(new RegisterRequest("a@example.org", "hunter2hunter2", "A").toString()).doesNotContain("hunter2");
        assertThat(new LoginRequest("a@example.org", "hunter2hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void retryAfterRoundsUpToWholeSecondsAndIsAtLeastOne() {
        assertThat(AuthenticationResource.retryAfterSeconds(Duration.ofMillis(29_001))).isEqualTo(30);
        assertThat(AuthenticationResource.retryAfterSeconds(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(AuthenticationResource.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(AuthenticationResource.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }

    private <T> Map<String, String> violations(T request) {
        return factory.getValidator().validate(request).stream()
                .collect(Collectors.toMap(v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage,
                        (first, second) -> first + "; " + second));
    }
}
