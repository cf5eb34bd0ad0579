-- Shop accounts: customers and administrators (identity domain). The email is stored lower-cased by the application;
-- the unique key is what decides between two concurrent registrations of the same address (the loser gets 409).
-- failed_logins / locked_until throttle password guessing per account; the login that reads them locks the row
-- (SELECT ... FOR UPDATE) so that concurrent attempts count every failure.
CREATE TABLE customer (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    email         VARCHAR(254) NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    -- PBKDF2WithHmacSHA256:<iterations>:<base64 salt>:<base64 hash> (Jakarta Security Pbkdf2PasswordHash format)
    password_hash VARCHAR(255) NOT NULL,
    -- comma-separated MP-JWT groups, e.g. "customer" or "admin,customer"
    roles         VARCHAR(100) NOT NULL DEFAULT 'customer',
    failed_logins INT          NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP(3) NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uk_customer_email UNIQUE (email),
    CONSTRAINT ck_customer_failed_logins CHECK (failed_logins >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
