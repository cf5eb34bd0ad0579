-- Low-stock alerts (docs/MONEY-PATH.md "Low stock"): an administrator's threshold per SKU, and whether the SKU's
-- available ordinary units (sum of on_hand - reserved over pool 0) were at or below it after the last change. The row
-- is locked by every transaction that changes those units, after its stock rows: the StockLow event is published once
-- per crossing, by the transaction that crossed.
CREATE TABLE low_stock_threshold (
    sku_id     BIGINT       NOT NULL,
    threshold  INT          NOT NULL,
    low        BOOLEAN      NOT NULL DEFAULT FALSE,
    crossed_at TIMESTAMP(3) NULL,
    updated_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (sku_id),
    CONSTRAINT ck_low_stock_threshold CHECK (threshold >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
