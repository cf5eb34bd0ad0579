package dev.mall.identity.control;

import dev.mall.identity.entity.Customer;
import dev.mall.identity.entity.UnknownEmailLogins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges a password login and records its outcome on the account, in the caller's transaction: a failure counts
 * towards the lockout ({@link LockoutSchedule#STANDARD}), a success clears it. An address without an account is
 * throttled the same way ({@link UnknownEmailLogins}). The row stays locked from the read to the commit, so
 * concurrent guesses cannot lose counts.
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
        Instant now = clock.instant();
        Optional<Customer> found = accounts.findByEmailForUpdate(email);
        if (found.isEmpty()) {
            // The same answer, the same work and the same lockout as a wrong password for an account: neither the
            // status, nor the response time, nor the 429 after repeated failures may tell which emails exist.
            UnknownEmailLogins unknown = accounts.unknownEmailForUpdate(email);
            Optional<LoginOutcome> locked = unknown.lockRemaining(now).map(LoginOutcome.LockedOut::new);
            if (locked.isPresent()) {
                return locked.get();
            }
            passwords.verifyAgainstDecoy(password);
            unknown.recordFailedLogin(now, lockout::lockPeriodAfter);
            return new LoginOutcome.Rejected();
        }
        Customer customer = found.get();
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
