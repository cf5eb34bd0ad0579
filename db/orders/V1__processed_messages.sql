-- Idempotent consumers: an MDB records each message id it applied, in the same XA transaction as its effect,
-- so a redelivered message (after a rollback or a crash) is recognised and applied once.
CREATE TABLE processed_message (
    consumer     VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(128) NOT NULL,
    processed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (consumer, message_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
