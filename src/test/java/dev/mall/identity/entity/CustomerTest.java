package dev.mall.identity.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    // Locks for 30 s from the third failure on: small numbers keep the test readable.
    private static final IntFunction<Duration> LOCK_FROM_THIRD = failures -> failures >= 3 ? Duration.ofSeconds(30) : Duration.ZERO;

    @Test
    void theEmailIsStoredLowerCasedAndTrimmed() {
        Customer customer = new Customer("  Ann.Lee@Example.ORG ", " Ann ", "hash", Set.of(Role.CUSTOMER), NOW);

        assertThat(customer.email()).isEqualTo("ann.lee@example.org");
        assertThat(customer.displayName()).isEqualTo("Ann");
    }

    @Test
    void rolesRoundTripThroughTheirColumnForm() {
        Customer admin = new Customer("a@example.org", "A", "hash", EnumSet.of(Role.CUSTOMER, Role.ADMIN), NOW);

        assertThat(admin.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.CUSTOMER);
        assertThat(admin.hasRole(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.groupName()).isEqualTo("admin");
        assertThat(Role.ofGroupName("customer")).isEqualTo(Role.CUSTOMER);
    }

    @Test
    void anAccountWithoutRolesIsRefused() {
        assertThatThrownBy(() -> new Customer("a@example.org", "A", "hash", Set.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failuresBelowTheThresholdCountButDoNotLock() {
        Customer customer = customer();

        customer.recordFailedLogin(NOW, LOCK_FROM_THIRD);
        customer.recordFailedLogin(NOW, LOCK_FROM_THIRD);

        assertThat(customer.failedLogins()).isEqualTo(2);
        assertThat(customer.lockRemaining(NOW)).isEmpty();
    }

    @Test
    void theFailureThatReachesTheThresholdLocksUntilThePeriodHasPassed() {
        Customer customer = customer();
        for (int i = 0; i < 3; i++) {
            customer.recordFailedLogin(NOW, LOCK_FROM_THIRD);
        }

        assertThat(customer.lockRemaining(NOW)).contains(Duration.ofSeconds(30));
        assertThat(customer.lockRemaining(NOW.plusSeconds(29))).contains(Duration.ofSeconds(1));
        assertThat(customer.lockRemaining(NOW.plusSeconds(30))).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsCountAndLock() {
        Customer customer = customer();
        for (int i = 0; i < 3; i++) {
            customer.recordFailedLogin(NOW, LOCK_FROM_THIRD);
        }

        customer.recordSuccessfulLogin();

        assertThat(customer.failedLogins()).isZero();
        assertThat(customer.lockRemaining(NOW)).isEmpty();
    }

    @Test
    void failuresAreForgottenADayAfterTheLastOne() {
        Customer customer = customer();
        customer.recordFailedLogin(NOW, LOCK_FROM_THIRD);
        customer.recordFailedLogin(NOW.plus(Duration.ofHours(23)), LOCK_FROM_THIRD);

        customer.recordFailedLogin(NOW.plus(Duration.ofHours(46)), LOCK_FROM_THIRD);
        assertThat(customer.failedLogins()).as("23 h apart: still consecutive").isEqualTo(3);

        customer.recordFailedLogin(NOW.plus(Duration.ofHours(46)).plus(FailedLogins.FORGET_AFTER), LOCK_FROM_THIRD);
        assertThat(customer.failedLogins()).as("a day after the last: counted from one again").isEqualTo(1);
    }

    @Test
    void anAddressWithoutAccountIsThrottledLikeAnAccountAndKeyedWithoutTheAddress() {
        UnknownEmailLogins unknown = new UnknownEmailLogins(" Nobody@Example.ORG ");
        Customer customer = customer();
        for (int i = 0; i < 3; i++) {
            unknown.recordFailedLogin(NOW, LOCK_FROM_THIRD);
            customer.recordFailedLogin(NOW, LOCK_FROM_THIRD);
            assertThat(unknown.lockRemaining(NOW)).isEqualTo(customer.lockRemaining(NOW));
        }
        assertThat(unknown.lockRemaining(NOW)).contains(Duration.ofSeconds(30));

        assertThat(UnknownEmailLogins.key(" Nobody@Example.ORG ")).isEqualTo(UnknownEmailLogins.key("nobody@example.org"))
                .hasSize(64).doesNotContainIgnoringCase("nobody");
    }

    private static Customer customer() {
        return new Customer("c@example.org", "C", "hash", Set.of(Role.CUSTOMER), NOW);
    }
}
