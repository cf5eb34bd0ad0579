package dev.mall.identity.control;

import dev.mall.identity.entity.Customer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges a password login and records its outcome on the account, in the caller's transaction: a failure counts
 * towards the lockout ({@link LockoutSchedule#STANDARD}), a success clears it. The account row stays locked from
 * the read to the commit, so concurrent guesses cannot lose counts.
 */
@ApplicationScoped
public class LoginAttempts {

    @Inject
    CustomerAccounts accounts;

    @Inject
    PasswordHashing passwords;

    private final LockoutSchedule lockout = LockoutSchedule.STANDARD;
    private final Clock clock = Clock.systemUTC();

    public LoginOutcome attempt(String email, String password) {
        Optional<Customer> found = accounts.findByEmailForUpdate(email);
        if (found.isEmpty()) {
            // Same work and same answer as a wrong password: response time must not tell which emails exist.
            passwords.verifyAgainstDecoy(password);
            return new LoginOutcome.Rejected();
        }
        Customer customer = found.get();
        Instant now = clock.instant();
        Optional<LoginOutcome> locked = customer.lockRemaining(now).map(LoginOutcome.LockedOut::new);
        if (locked.isPresent()) {
            // Not even a correct password opens a locked account, or the lock would not slow guessing down.
            return locked.get();
        }
        if (!passwords.verify(password, customer.passwordHash())) {
            customer.recordFailedLogin(now, lockout::lockPeriodAfter);
            return new LoginOutcome.Rejected();
        }
        if (passwords.needsRehash(customer.passwordHash())) {
            customer.replacePasswordHash(passwords.hash(password));
        }
        customer.recordSuccessfulLogin();
        return new LoginOutcome.Authenticated(customer);
    }
}
