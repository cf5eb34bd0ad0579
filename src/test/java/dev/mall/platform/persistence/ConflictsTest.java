package dev.mall.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

/** Which failures are a lost race (tried again), which a unique key taken (answered), and which neither. */
class ConflictsTest {

    private static final SQLException DUPLICATE_KEY = new SQLIntegrityConstraintViolationException(
            "Duplicate entry '7-k' for key 'uk_order_idempotency'", "23000", 1062);

    private static final class Busy extends TransientConflict {
        Busy() {
            super("rows kept being taken");
        }
    }

    @Test
    void aDeadlockALockWaitTimeoutOrAnOptimisticConflictAnywhereInTheCausesIsARaceToRetry() {
        assertThat(Conflicts.isLockConflict(new PersistenceException("flush",
                new SQLException("Deadlock found when trying to get lock", "40001", 1213)))).isTrue();
        assertThat(Conflicts.isLockConflict(new PersistenceException("flush",
                new SQLException("Lock wait timeout exceeded", "HY000", 1205)))).isTrue();
        assertThat(Conflicts.isLockConflict(new IllegalStateException(new Busy()))).isTrue();
        assertThat(Conflicts.isLockConflict(new RuntimeException(new RuntimeException(new OptimisticLockException()))))
                .isTrue();
        assertThat(Conflicts.isLockConflict(new StaleObjectStateException("Stock", 1L))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNotRaces() {
        assertThat(Conflicts.isLockConflict(new PersistenceException("insert", DUPLICATE_KEY))).isFalse();
        assertThat(Conflicts.isLockConflict(new PersistenceException("connection",
                new SQLException("Communications link failure", "08S01", 0)))).isFalse();
        assertThat(Conflicts.isLockConflict(new PersistenceException("lock wait timeout"))).as("words are not a report")
                .isFalse();
        assertThat(Conflicts.isLockConflict(null)).isFalse();
    }

    @Test
    void aDuplicateEntryDeepInTheCauseChainIsRecognisedWithItsKey() {
        RuntimeException wrapped = new RuntimeException("could not execute statement",
                new IllegalStateException("JDBC", DUPLICATE_KEY));

        assertThat(Conflicts.isUniqueKeyViolation(wrapped)).isTrue();
        assertThat(Conflicts.isUniqueKeyViolation(wrapped, "uk_order_idempotency")).isTrue();
        assertThat(Conflicts.isUniqueKeyViolation(wrapped, "uk_customer_email")).as("another key").isFalse();
    }

    @Test
    void otherIntegrityErrorsAreNotDuplicates() {
        SQLException foreignKey = new SQLIntegrityConstraintViolationException(
                "Cannot add or update a child row: uk_order_idempotency", "23000", 1452);

        assertThat(Conflicts.isUniqueKeyViolation(new RuntimeException(foreignKey))).isFalse();
        assertThat(Conflicts.isUniqueKeyViolation(new RuntimeException(foreignKey), "uk_order_idempotency")).isFalse();
        assertThat(Conflicts.isUniqueKeyViolation(new RuntimeException("uk_order_idempotency"), "uk_order_idempotency"))
                .as("only a database's own report counts").isFalse();
        assertThat(Conflicts.isUniqueKeyViolation(null)).isFalse();
    }
}
