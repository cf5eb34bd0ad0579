-- A queued sale answers a buyer who passed the Redis gate at once with a ticket (202) and creates the order from a
-- message, at the pace the databases sustain (FlashPurchaseListener); other sales place the order in the request.
ALTER TABLE flash_sale
    ADD COLUMN queued BOOLEAN NOT NULL DEFAULT FALSE AFTER ends_at;
