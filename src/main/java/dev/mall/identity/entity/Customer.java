package dev.mall.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A shop account: a customer, or an administrator (who is a customer too). It guards its login throttle: failures
 * are counted here and lock the account for the period a schedule names; a success clears both.
 */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "email", nullable = false, length = 254)
    private String email;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "roles", nullable = false, length = 100)
    private String roles;

    @Embedded
    private FailedLogins failedLogins = new FailedLogins();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Customer() {
        // for JPA
    }

    public Customer(String email, String displayName, String passwordHash, Collection<Role> roles, Instant now) {
        this.email = canonicalEmail(Objects.requireNonNull(email, "email"));
        this.displayName = Objects.requireNonNull(displayName, "displayName").strip();
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("An account needs at least one role");
        }
        this.roles = EnumSet.copyOf(roles).stream().map(Role::groupName).sorted().collect(Collectors.joining(","));
        this.createdAt = now.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The form in which addresses are stored and looked up: lower case, so that {@code Ann@Example.org} and
     * {@code ann@example.org} are one account (the column's collation is case-insensitive as well).
     */
    public static String canonicalEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("The account has no id before it is persisted");
        }
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Set<Role> roles() {
        return Arrays.stream(roles.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(Role::ofGroupName)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public boolean hasRole(Role role) {
        return roles().contains(role);
    }

    public int failedLogins() {
        return failedLogins.count();
    }

    /** How long logins stay refused, if the account is locked at {@code now}. */
    public Optional<Duration> lockRemaining(Instant now) {
        return failedLogins.lockRemaining(now);
    }

    /**
     * Counts one more consecutive failure and locks the account for the period {@code lockPeriodAfter} names for
     * that count (zero: no lock).
     */
    public void recordFailedLogin(Instant now, IntFunction<Duration> lockPeriodAfter) {
        failedLogins.record(now, lockPeriodAfter);
    }

    public void recordSuccessfulLogin() {
        failedLogins.clear();
    }

    /** The same password, hashed again (e.g. with more iterations than when it was set). */
    public void replacePasswordHash(String newHash) {
        passwordHash = Objects.requireNonNull(newHash, "newHash");
    }
}
