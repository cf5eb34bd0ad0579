-- One cart per customer (cart domain): the units of each SKU the customer intends to buy. Prices are not stored:
-- the cart always shows the catalog's current price, and an order takes its own snapshot when it is placed.
-- The primary key makes "set the quantity of this SKU" a single upsert, safe against two clicks at once; the CHECK
-- repeats the API's bounds (a quantity of 0 removes the row instead).
CREATE TABLE cart_item (
    customer_id BIGINT       NOT NULL,
    sku_id      BIGINT       NOT NULL,
    quantity    INT          NOT NULL,
    added_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (customer_id, sku_id),
    CONSTRAINT fk_cart_item_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE,
    CONSTRAINT ck_cart_item_quantity CHECK (quantity BETWEEN 1 AND 1000)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
