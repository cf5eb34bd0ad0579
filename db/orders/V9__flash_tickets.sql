-- The decision on a queued flash-sale purchase: written by FlashPurchaseListener in the XA transaction that creates
-- its order (ORDERED) or refuses it (FAILED, with the reason). Until then the ticket lives in its JMS message (and,
-- for lookups, in the Redis gate). The Idempotency-Key is the customer's, like an order's: a retry gets this ticket.
CREATE TABLE flash_ticket (
    id              CHAR(36)     NOT NULL,
    sale_id         BIGINT       NOT NULL,
    customer_id     BIGINT       NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,
    quantity        INT          NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    order_id        BIGINT       NULL,
    reason          VARCHAR(64)  NULL,
    accepted_at     TIMESTAMP(3) NOT NULL,
    decided_at      TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_flash_ticket_key (customer_id, idempotency_key),
    KEY ix_flash_ticket_sale (sale_id),
    CONSTRAINT ck_flash_ticket_status CHECK (status IN ('ORDERED', 'FAILED')),
    CONSTRAINT ck_flash_ticket_decision CHECK ((status = 'ORDERED') = (order_id IS NOT NULL))
) ENGINE = InnoDB;
