-- Catalog (category tree, products, SKUs with prices) and stock, both owned by the inventory database so that a
-- product, its SKUs and their opening stock are created in one local transaction.
CREATE TABLE category (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    parent_id  BIGINT       NULL,
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT fk_category_parent FOREIGN KEY (parent_id) REFERENCES category (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE product (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    category_id BIGINT        NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(4000) NOT NULL DEFAULT '',
    created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY ix_product_category (category_id),
    KEY ix_product_created (created_at),
    FULLTEXT KEY ft_product_text (name, description),
    CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES category (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sku (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    product_id BIGINT        NOT NULL,
    name       VARCHAR(200)  NOT NULL,
    price      DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_sku_product (product_id),
    CONSTRAINT fk_sku_product FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT ck_sku_price CHECK (price > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per SKU. reserved counts units held by unpaid orders; on_hand counts units physically present (sold units
-- leave on_hand when their order is paid). The CHECK is the last line of defence against overselling: whatever the
-- application does, MariaDB refuses a row with reserved > on_hand or a negative count.
CREATE TABLE stock (
    sku_id   BIGINT NOT NULL,
    on_hand  INT    NOT NULL,
    reserved INT    NOT NULL DEFAULT 0,
    version  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (sku_id),
    CONSTRAINT fk_stock_sku FOREIGN KEY (sku_id) REFERENCES sku (id),
    CONSTRAINT ck_stock_bounds CHECK (reserved >= 0 AND reserved <= on_hand)
) ENGINE = InnoDB;

-- The units an order holds per SKU: RESERVED while unpaid, then CONFIRMED (paid) or RELEASED (expired, cancelled).
CREATE TABLE reservation (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    order_id   BIGINT       NOT NULL,
    sku_id     BIGINT       NOT NULL,
    quantity   INT          NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_reservation_order_sku (order_id, sku_id),
    KEY ix_reservation_sku_status (sku_id, status),
    CONSTRAINT fk_reservation_sku FOREIGN KEY (sku_id) REFERENCES sku (id),
    CONSTRAINT ck_reservation_quantity CHECK (quantity > 0),
    CONSTRAINT ck_reservation_status CHECK (status IN ('RESERVED', 'CONFIRMED', 'RELEASED'))
) ENGINE = InnoDB;
