-- The mock payment provider's own records (its own database, MALL_DB_PROVIDER): never read by the shop.

-- One charge per shop payment: the unique key is the provider's idempotency (a second submit of the checkout page
-- finds the charge and changes nothing).
CREATE TABLE charge (
    id                  BIGINT         NOT NULL AUTO_INCREMENT,
    merchant_payment_id BIGINT         NOT NULL,
    order_id            BIGINT         NOT NULL,
    amount              DECIMAL(12, 2) NOT NULL,
    outcome             VARCHAR(16)    NOT NULL,
    provider_txn_id     VARCHAR(100)   NOT NULL,
    refunded            DECIMAL(12, 2) NOT NULL DEFAULT 0,
    created_at          TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_charge_payment (merchant_payment_id),
    UNIQUE KEY uk_charge_txn (provider_txn_id),
    CONSTRAINT ck_charge_outcome CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    CONSTRAINT ck_charge_refunded CHECK (refunded >= 0 AND refunded <= amount)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Webhooks owed to the shop, written in the charge's transaction: a charge the customer was told about is never
-- without its webhook, whatever happens to the process afterwards. Delivered when the shop answered 2xx.
CREATE TABLE webhook (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    charge_id       BIGINT         NOT NULL,
    body            VARCHAR(2000)  NOT NULL,
    attempts        INT            NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP(3)   NOT NULL,
    delivered_at    TIMESTAMP(3)   NULL,
    last_error      VARCHAR(300)   NULL,
    PRIMARY KEY (id),
    KEY ix_webhook_due (delivered_at, next_attempt_at),
    CONSTRAINT fk_webhook_charge FOREIGN KEY (charge_id) REFERENCES charge (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Refunds of a charge, once per refund key (the shop's idempotency key); their sum is charge.refunded.
CREATE TABLE refund (
    id         BIGINT         NOT NULL AUTO_INCREMENT,
    charge_id  BIGINT         NOT NULL,
    refund_key VARCHAR(150)   NOT NULL,
    amount     DECIMAL(12, 2) NOT NULL,
    created_at TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_refund_key (refund_key),
    CONSTRAINT fk_refund_charge FOREIGN KEY (charge_id) REFERENCES charge (id),
    CONSTRAINT ck_refund_amount CHECK (amount > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
