-- Which flash sale an order came from (NULL: an ordinary order).
ALTER TABLE customer_order
    ADD COLUMN flash_sale_id BIGINT NULL AFTER payment_id,
    ADD KEY ix_order_flash_sale (flash_sale_id, customer_id);

-- Units each customer holds or bought in a flash sale: the database's own record of the per-customer limit. The row
-- is locked while an order checks and raises it, so two concurrent orders of one customer cannot both pass the
-- limit, with or without Redis; expiry and cancellation lower it again in their transaction.
CREATE TABLE flash_purchase (
    sale_id     BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    quantity    INT    NOT NULL,
    PRIMARY KEY (sale_id, customer_id),
    CONSTRAINT ck_flash_purchase_quantity CHECK (quantity >= 0)
) ENGINE = InnoDB;
