-- The trace of the checkout that owes the webhook (a W3C traceparent, with MALL_TRACING=on only): sent with every
-- attempt as the traceparent header, so that the shop's callback continues that trace (docs/OPERATIONS.md "Traces").
ALTER TABLE webhook ADD COLUMN traceparent VARCHAR(55) NULL;
