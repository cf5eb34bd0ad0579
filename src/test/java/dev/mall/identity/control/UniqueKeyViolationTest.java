package dev.mall.identity.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class UniqueKeyViolationTest {

    @Test
    void aDuplicateEntryDeepInTheCauseChainIsRecognised() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException(
                "Duplicate entry 'ann@example.org' for key 'uk_customer_email'", "23000", 1062);
        RuntimeException wrapped = new RuntimeException("could not execute statement",
                new IllegalStateException("JDBC", duplicate));

        assertThat(UniqueKeyViolation.isCauseOf(wrapped)).isTrue();
    }

    @Test
    void otherIntegrityErrorsAreNotDuplicates() {
        SQLException foreignKey = new SQLIntegrityConstraintViolationException("Cannot add or update a child row", "23000", 1452);

        assertThat(UniqueKeyViolation.isCauseOf(new RuntimeException(foreignKey))).isFalse();
        assertThat(UniqueKeyViolation.isCauseOf(new RuntimeException("no SQL at all"))).isFalse();
        assertThat(UniqueKeyViolation.isCauseOf(null)).isFalse();
    }
}
