package dev.mall.identity.control;

import dev.mall.identity.entity.Customer;
import java.time.Duration;

/** What a password login came to. Expected outcomes, not exceptions: a refused login must still commit its count. */
public sealed interface LoginOutcome {

    record Authenticated(Customer customer) implements LoginOutcome {
    }

    /** Unknown email or wrong password; deliberately indistinguishable. */
    record Rejected() implements LoginOutcome {
    }

    /** Too many consecutive failures: no password is checked until {@code retryAfter} has passed. */
    record LockedOut(Duration retryAfter) implements LoginOutcome {
    }
}
