-- Warehouses (docs/MONEY-PATH.md "Warehouses"): a warehouse is one more dimension of a stock row, beside the pool and
-- the bucket, so a SKU's stock is (pool, warehouse, bucket) rows and each warehouse's rows can still be split into hot-SKU
-- buckets. A reservation names the row it holds units of, warehouse included: the reservations ARE the allocations.
-- The stock that existed before goes, unchanged, into the default warehouse (id 1): every row keeps its on_hand,
-- reserved and version, every reservation keeps naming its row, so no total and no row's reserved figure drifts.
CREATE TABLE warehouse (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    code       VARCHAR(32)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    priority   INT          NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_warehouse_code (code),
    CONSTRAINT ck_warehouse_priority CHECK (priority >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO warehouse (id, code, name, priority) VALUES (1, 'DEFAULT', 'Default warehouse', 0);

ALTER TABLE stock
    ADD COLUMN warehouse_id BIGINT NOT NULL DEFAULT 1 AFTER pool,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (sku_id, pool, warehouse_id, bucket),
    ADD CONSTRAINT fk_stock_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouse (id);

-- returned: units of this CONFIRMED reservation that came back with an approved return (restock), so that later
-- returns of the same line go back to the warehouses their units came from, never more than were taken from each.
ALTER TABLE reservation
    ADD COLUMN warehouse_id BIGINT NOT NULL DEFAULT 1 AFTER pool,
    ADD COLUMN returned INT NOT NULL DEFAULT 0 AFTER quantity,
    DROP INDEX uk_reservation_row,
    ADD UNIQUE KEY uk_reservation_row (order_id, sku_id, pool, warehouse_id, bucket),
    ADD CONSTRAINT ck_reservation_returned CHECK (returned >= 0 AND returned <= quantity);

-- Units moved between two warehouses of a SKU (POST /api/admin/stock-transfers): the record of each transfer, written in
-- the transaction that moved them.
CREATE TABLE stock_transfer (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    sku_id            BIGINT       NOT NULL,
    from_warehouse_id BIGINT       NOT NULL,
    to_warehouse_id   BIGINT       NOT NULL,
    quantity          INT          NOT NULL,
    created_at        TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_stock_transfer_sku (sku_id),
    CONSTRAINT fk_stock_transfer_sku FOREIGN KEY (sku_id) REFERENCES sku (id),
    CONSTRAINT fk_stock_transfer_from FOREIGN KEY (from_warehouse_id) REFERENCES warehouse (id),
    CONSTRAINT fk_stock_transfer_to FOREIGN KEY (to_warehouse_id) REFERENCES warehouse (id),
    CONSTRAINT ck_stock_transfer CHECK (quantity > 0 AND from_warehouse_id <> to_warehouse_id)
) ENGINE = InnoDB;

-- From now on the application names the warehouse of every row it writes.
ALTER TABLE stock ALTER COLUMN warehouse_id DROP DEFAULT;
ALTER TABLE reservation ALTER COLUMN warehouse_id DROP DEFAULT;
