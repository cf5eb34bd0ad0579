-- Payments through the provider's hosted checkout: the customer no longer names an outcome (requested_outcome is
-- only set by MALL_PAYMENT_TEST_MODE), and refunds go through the provider, possibly in parts.
ALTER TABLE payment
    MODIFY requested_outcome VARCHAR(16) NULL,
    ADD COLUMN refunded_amount DECIMAL(12, 2) NOT NULL DEFAULT 0,
    ADD CONSTRAINT ck_payment_refunded CHECK (refunded_amount >= 0 AND refunded_amount <= amount);

-- One row per refund the provider confirmed; refund_key is the idempotency key sent to the provider, so the same
-- refund asked twice is recorded (and paid back) once.
CREATE TABLE payment_refund (
    id         BIGINT         NOT NULL AUTO_INCREMENT,
    payment_id BIGINT         NOT NULL,
    refund_key VARCHAR(150)   NOT NULL,
    amount     DECIMAL(12, 2) NOT NULL,
    reason     VARCHAR(200)   NOT NULL,
    created_at TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_payment_refund_key (refund_key),
    KEY ix_payment_refund_payment (payment_id),
    CONSTRAINT fk_payment_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (id),
    CONSTRAINT ck_payment_refund_amount CHECK (amount > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
