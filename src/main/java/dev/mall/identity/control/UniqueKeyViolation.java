package dev.mall.identity.control;

import java.sql.SQLException;

/**
 * Recognises MySQL/MariaDB's "duplicate entry" (error 1062, SQLState 23000) anywhere in an exception's cause chain,
 * however the JPA provider wrapped it. Only that error means "another row holds this unique value"; other integrity
 * errors (foreign keys, checks) are bugs and must not turn into a 409.
 */
final class UniqueKeyViolation {

    static final int ER_DUP_ENTRY = 1062;
    static final int ER_DUP_ENTRY_WITH_KEY_NAME = 1586;

    private UniqueKeyViolation() {
    }

    static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql
                    && "23000".equals(sql.getSQLState())
                    && (sql.getErrorCode() == ER_DUP_ENTRY || sql.getErrorCode() == ER_DUP_ENTRY_WITH_KEY_NAME)) {
                return true;
            }
        }
        return false;
    }
}
