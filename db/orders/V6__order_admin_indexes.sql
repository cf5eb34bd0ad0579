-- The administrators' order list (GET /api/admin/orders[?status=]) reads all customers' orders newest first; without
-- these indexes every page would sort the whole table.
CREATE INDEX ix_order_created ON customer_order (created_at, id);
CREATE INDEX ix_order_status_created ON customer_order (status, created_at, id);
