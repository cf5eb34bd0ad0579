-- Failed logins are forgotten a day after the last one (dev.mall.identity.entity.FailedLogins), on accounts and on
-- addresses without one alike.
ALTER TABLE customer ADD COLUMN last_failed_login_at TIMESTAMP(3) NULL;

-- Failed logins for email addresses that have no account, counted and locked like an account's, so that the 429 after
-- repeated failures does not reveal which addresses are registered. Keyed by the SHA-256 of the lower-cased address:
-- no addresses are stored. Rows whose last failure is a day old are purged (their count would restart anyway).
CREATE TABLE login_throttle (
    email_sha256         CHAR(64)     NOT NULL,
    failed_logins        INT          NOT NULL DEFAULT 0,
    locked_until         TIMESTAMP(3) NULL,
    last_failed_login_at TIMESTAMP(3) NULL,
    PRIMARY KEY (email_sha256),
    KEY ix_login_throttle_last_failure (last_failed_login_at),
    CONSTRAINT ck_login_throttle_failed_logins CHECK (failed_logins >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;
