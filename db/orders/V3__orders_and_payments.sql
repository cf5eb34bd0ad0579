-- Orders with their lines (a price snapshot taken when the order was placed) and the idempotency key the client sent.
CREATE TABLE customer_order (
    id               BIGINT         NOT NULL AUTO_INCREMENT,
    number           VARCHAR(32)    NOT NULL,
    customer_id      BIGINT         NOT NULL,
    status           VARCHAR(20)    NOT NULL,
    total            DECIMAL(12, 2) NOT NULL,
    idempotency_key  VARCHAR(100)   NOT NULL,
    request_hash     CHAR(64)       NOT NULL,
    payment_id       BIGINT         NULL,
    created_at       TIMESTAMP(3)   NOT NULL,
    expires_at       TIMESTAMP(3)   NOT NULL,
    updated_at       TIMESTAMP(3)   NOT NULL,
    version          BIGINT         NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_order_number (number),
    -- Concurrent requests with one key: the second insert waits for the first transaction and then fails here.
    UNIQUE KEY uk_order_idempotency (customer_id, idempotency_key),
    KEY ix_order_customer (customer_id, created_at),
    KEY ix_order_status_expiry (status, expires_at),
    CONSTRAINT ck_order_status CHECK (status IN
        ('PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'REFUNDED')),
    CONSTRAINT ck_order_total CHECK (total >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE order_line (
    id         BIGINT         NOT NULL AUTO_INCREMENT,
    order_id   BIGINT         NOT NULL,
    sku_id     BIGINT         NOT NULL,
    sku_name   VARCHAR(200)   NOT NULL,
    quantity   INT            NOT NULL,
    unit_price DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_line_order (order_id),
    CONSTRAINT fk_line_order FOREIGN KEY (order_id) REFERENCES customer_order (id),
    CONSTRAINT ck_line_quantity CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The order state machine, enforced by the database as well as by the entity: whatever code runs, an order only
-- moves along PENDING_PAYMENT -> PAID -> SHIPPED -> COMPLETED, PENDING_PAYMENT -> CANCELLED | EXPIRED, PAID -> REFUNDED.
DELIMITER $$
CREATE TRIGGER tr_order_status_transition BEFORE UPDATE ON customer_order
FOR EACH ROW
BEGIN
    IF NEW.status <> OLD.status AND NOT (
           (OLD.status = 'PENDING_PAYMENT' AND NEW.status IN ('PAID', 'CANCELLED', 'EXPIRED'))
        OR (OLD.status = 'PAID' AND NEW.status IN ('SHIPPED', 'REFUNDED'))
        OR (OLD.status = 'SHIPPED' AND NEW.status = 'COMPLETED')) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'illegal order status transition';
    END IF;
END$$
DELIMITER ;

-- Payments through the (mock) gateway. provider_txn_id is unique: the gateway's transaction is recorded once.
CREATE TABLE payment (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    order_id        BIGINT         NOT NULL,
    customer_id     BIGINT         NOT NULL,
    amount          DECIMAL(12, 2) NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    requested_outcome VARCHAR(16)  NOT NULL,
    provider_txn_id VARCHAR(100)   NULL,
    refund_reason   VARCHAR(200)   NULL,
    created_at      TIMESTAMP(3)   NOT NULL,
    updated_at      TIMESTAMP(3)   NOT NULL,
    version         BIGINT         NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_payment_provider_txn (provider_txn_id),
    KEY ix_payment_order (order_id),
    CONSTRAINT ck_payment_status CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
    CONSTRAINT ck_payment_amount CHECK (amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
