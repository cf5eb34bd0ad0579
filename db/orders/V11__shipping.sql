-- Shipping to completion (docs/MONEY-PATH.md "Ship, deliver"): the address the customer gave when placing the order,
-- and the shipment an administrator recorded (carrier and tracking number) until it was delivered (COMPLETED).
-- Orders placed before have no address; their columns stay NULL.
ALTER TABLE customer_order
    ADD COLUMN ship_name        VARCHAR(100) NULL,
    ADD COLUMN ship_line1       VARCHAR(200) NULL,
    ADD COLUMN ship_line2       VARCHAR(200) NULL,
    ADD COLUMN ship_city        VARCHAR(100) NULL,
    ADD COLUMN ship_postal_code VARCHAR(16)  NULL,
    ADD COLUMN ship_country     CHAR(2)      NULL,
    ADD COLUMN carrier          VARCHAR(40)  NULL,
    ADD COLUMN tracking_number  VARCHAR(64)  NULL,
    ADD COLUMN shipped_at       TIMESTAMP(3) NULL,
    ADD COLUMN delivered_at     TIMESTAMP(3) NULL,
    -- A carrier's callback names its parcel, never an order: (carrier, tracking number) finds exactly one order.
    ADD CONSTRAINT uk_order_tracking UNIQUE (carrier, tracking_number),
    ADD CONSTRAINT ck_order_shipment CHECK ((carrier IS NULL) = (tracking_number IS NULL)),
    ADD CONSTRAINT ck_order_delivered CHECK (delivered_at IS NULL OR status = 'COMPLETED');
