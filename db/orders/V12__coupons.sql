-- Coupons (docs/MONEY-PATH.md "Coupons"): an amount or a percentage off an order of at least min_spend, inside a
-- window, at most total_limit live redemptions in all and per_customer_limit per customer. redeemed counts the live
-- redemptions (given back when an order is cancelled or expires, kept when it is paid); the CHECK holds total_limit
-- whatever code runs. Every redemption locks the coupon row, so the limits hold under any concurrency.
CREATE TABLE coupon (
    id                 BIGINT         NOT NULL AUTO_INCREMENT,
    code               VARCHAR(40)    NOT NULL,
    kind               VARCHAR(8)     NOT NULL,
    value              DECIMAL(12, 2) NOT NULL,
    min_spend          DECIMAL(12, 2) NULL,
    starts_at          TIMESTAMP(3)   NOT NULL,
    ends_at            TIMESTAMP(3)   NOT NULL,
    total_limit        INT            NULL,
    per_customer_limit INT            NULL,
    redeemed           INT            NOT NULL DEFAULT 0,
    created_at         TIMESTAMP(3)   NOT NULL,
    version            BIGINT         NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_coupon_code (code),
    CONSTRAINT ck_coupon_kind CHECK (kind IN ('AMOUNT', 'PERCENT')),
    CONSTRAINT ck_coupon_value CHECK (value > 0 AND (kind <> 'PERCENT' OR value <= 100)),
    CONSTRAINT ck_coupon_window CHECK (ends_at > starts_at),
    CONSTRAINT ck_coupon_redeemed CHECK (redeemed >= 0 AND (total_limit IS NULL OR redeemed <= total_limit))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per order that carries a coupon: REDEEMED while the order is live (unpaid, paid, shipped, completed,
-- refunded), RETURNED once it was cancelled or expired.
CREATE TABLE coupon_redemption (
    id          BIGINT         NOT NULL AUTO_INCREMENT,
    coupon_id   BIGINT         NOT NULL,
    customer_id BIGINT         NOT NULL,
    order_id    BIGINT         NOT NULL,
    discount    DECIMAL(12, 2) NOT NULL,
    status      VARCHAR(10)    NOT NULL,
    created_at  TIMESTAMP(3)   NOT NULL,
    updated_at  TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_redemption_order (order_id),
    KEY ix_redemption_customer (coupon_id, customer_id, status),
    CONSTRAINT fk_redemption_coupon FOREIGN KEY (coupon_id) REFERENCES coupon (id),
    CONSTRAINT fk_redemption_order FOREIGN KEY (order_id) REFERENCES customer_order (id),
    CONSTRAINT ck_redemption_status CHECK (status IN ('REDEEMED', 'RETURNED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The order's subtotal (its lines), the coupon's discount and the code; total = subtotal - discount is what is paid.
ALTER TABLE customer_order
    ADD COLUMN subtotal    DECIMAL(12, 2) NULL AFTER status,
    ADD COLUMN discount    DECIMAL(12, 2) NOT NULL DEFAULT 0 AFTER subtotal,
    ADD COLUMN coupon_code VARCHAR(40)    NULL AFTER discount;
UPDATE customer_order SET subtotal = total;
ALTER TABLE customer_order
    MODIFY subtotal DECIMAL(12, 2) NOT NULL,
    ADD CONSTRAINT ck_order_discount CHECK (discount >= 0 AND total = subtotal - discount);
