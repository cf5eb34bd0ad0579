package dev.mall.platform.persistence;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one classifier of the database failures that are answers rather than bugs, looking through the whole cause
 * chain however the JPA provider or the container wrapped them:
 * <ul>
 * <li>a lost lock race (deadlock, lock wait timeout, serialization failure, optimistic conflict, or a
 * {@link TransientConflict} a domain noticed itself): the transaction rolls back and may succeed when tried again;</li>
 * <li>a unique-key violation (MariaDB/MySQL's "duplicate entry", and only that: other integrity errors, foreign keys
 * or checks, are bugs): another row holds the value, e.g. a concurrent request with the same idempotency key or
 * email committed first.</li>
 * </ul>
 */
public final class Conflicts {

    static final int ER_DUP_ENTRY = 1062;
    static final int ER_DUP_ENTRY_WITH_KEY_NAME = 1586;
    static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    static final int ER_LOCK_DEADLOCK = 1213;

    private Conflicts() {
    }

    /** Whether {@code failure} lost a race on locked rows and may succeed in a new transaction. */
    public static boolean isLockConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof OptimisticLockException || cause instanceof org.hibernate.StaleStateException
                    || cause instanceof TransientConflict) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getErrorCode() == ER_LOCK_DEADLOCK
                    || sql.getErrorCode() == ER_LOCK_WAIT_TIMEOUT || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code failure} is a duplicate entry for any unique key. */
    public static boolean isUniqueKeyViolation(Throwable failure) {
        return duplicateEntry(failure).isPresent();
    }

    /** Whether {@code failure} is a duplicate entry for the named unique key. */
    public static boolean isUniqueKeyViolation(Throwable failure, String key) {
        return duplicateEntry(failure).filter(sql -> sql.getMessage() != null && sql.getMessage().contains(key))
                .isPresent();
    }

    private static Optional<SQLException> duplicateEntry(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SQLException sql && "23000".equals(sql.getSQLState())
                    && (sql.getErrorCode() == ER_DUP_ENTRY || sql.getErrorCode() == ER_DUP_ENTRY_WITH_KEY_NAME)) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
