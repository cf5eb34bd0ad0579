-- Stock rows per (SKU, pool, bucket).
--  * pool 0 is the SKU's ordinary stock; a flash sale allocates its units into a pool of its own (pool = the sale's
--    id), so they can be sold only through the sale and the sale can never take units the shop already promised.
--  * bucket: a hot SKU's stock can be split into N rows ("stock buckets") so that concurrent buyers update different
--    rows instead of all contending on one; availability and the audit sum the rows.
ALTER TABLE stock
    ADD COLUMN pool   BIGINT   NOT NULL DEFAULT 0 AFTER sku_id,
    ADD COLUMN bucket SMALLINT NOT NULL DEFAULT 0 AFTER pool,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (sku_id, pool, bucket);

-- A reservation names the stock row it holds units of, so releasing or confirming it touches exactly that row.
ALTER TABLE reservation
    ADD COLUMN pool   BIGINT   NOT NULL DEFAULT 0 AFTER sku_id,
    ADD COLUMN bucket SMALLINT NOT NULL DEFAULT 0 AFTER pool,
    DROP INDEX uk_reservation_order_sku,
    ADD UNIQUE KEY uk_reservation_row (order_id, sku_id, pool, bucket);

CREATE TABLE flash_sale (
    id                 BIGINT         NOT NULL AUTO_INCREMENT,
    sku_id             BIGINT         NOT NULL,
    units              INT            NOT NULL,
    per_customer_limit INT            NOT NULL,
    price              DECIMAL(12, 2) NOT NULL,
    starts_at          TIMESTAMP(3)   NOT NULL,
    ends_at            TIMESTAMP(3)   NOT NULL,
    created_at         TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_flash_sale_window (ends_at),
    CONSTRAINT fk_flash_sale_sku FOREIGN KEY (sku_id) REFERENCES sku (id),
    CONSTRAINT ck_flash_sale_units CHECK (units > 0 AND per_customer_limit > 0 AND price > 0),
    CONSTRAINT ck_flash_sale_window CHECK (ends_at > starts_at)
) ENGINE = InnoDB;
