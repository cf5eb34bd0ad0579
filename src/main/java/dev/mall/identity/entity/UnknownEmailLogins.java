package dev.mall.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Failed logins for an email address that has no account, throttled exactly like an account's: otherwise the 429
 * after repeated failures would tell which addresses are registered. Keyed by the SHA-256 of the canonical address,
 * so the table holds no addresses.
 */
@Entity
@Table(name = "login_throttle")
@NamedQuery(name = UnknownEmailLogins.PURGE,
        query = "DELETE FROM UnknownEmailLogins u WHERE u.failedLogins.lastFailure < :before")
public class UnknownEmailLogins {

    /** Deletes the rows whose last failure is older than {@code :before} (checked when the persistence unit starts). */
    public static final String PURGE = "UnknownEmailLogins.purge";

    @Id
    @Column(name = "email_sha256", length = 64)
    private String emailSha256;

    @Embedded
    private FailedLogins failedLogins = new FailedLogins();

    protected UnknownEmailLogins() {
        // for JPA (rows are created by CustomerAccounts.unknownEmailForUpdate, an upsert)
    }

    /** A throttle not yet persisted, for {@code email}. */
    public UnknownEmailLogins(String email) {
        this.emailSha256 = key(email);
    }

    /** The key of an address: hex SHA-256 of its canonical form ({@link Customer#canonicalEmail}). */
    public static String key(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Customer.canonicalEmail(email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public Optional<Duration> lockRemaining(Instant now) {
        return failedLogins.lockRemaining(now);
    }

    public void recordFailedLogin(Instant now, IntFunction<Duration> lockPeriodAfter) {
        failedLogins.record(now, lockPeriodAfter);
    }
}
