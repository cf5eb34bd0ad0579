-- Returns (docs/MONEY-PATH.md "Returns"): a customer asks to return lines of a shipped or completed order; an
-- administrator approves (a refund of those lines' amounts, net of their share of the order's coupon, through the
-- payment provider; with restock the units back on the shelf — one transaction) or rejects.
CREATE TABLE order_return (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    order_id      BIGINT         NOT NULL,
    customer_id   BIGINT         NOT NULL,
    status        VARCHAR(10)    NOT NULL,
    reason        VARCHAR(500)   NOT NULL,
    amount        DECIMAL(12, 2) NOT NULL,
    restocked     BOOLEAN        NULL,
    created_at    TIMESTAMP(3)   NOT NULL,
    updated_at    TIMESTAMP(3)   NOT NULL,
    version       BIGINT         NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_return_order (order_id),
    CONSTRAINT fk_return_order FOREIGN KEY (order_id) REFERENCES customer_order (id),
    CONSTRAINT ck_return_status CHECK (status IN ('REQUESTED', 'REFUNDED', 'REJECTED')),
    CONSTRAINT ck_return_amount CHECK (amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE order_return_line (
    id        BIGINT         NOT NULL AUTO_INCREMENT,
    return_id BIGINT         NOT NULL,
    sku_id    BIGINT         NOT NULL,
    quantity  INT            NOT NULL,
    amount    DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_return_line_return (return_id),
    CONSTRAINT fk_return_line_return FOREIGN KEY (return_id) REFERENCES order_return (id),
    CONSTRAINT ck_return_line_quantity CHECK (quantity > 0),
    CONSTRAINT ck_return_line_amount CHECK (amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
