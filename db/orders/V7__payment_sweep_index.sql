-- The safety-net sweep looks for payments that succeeded a while ago but were never applied to their order (their
-- PaymentSucceeded message went to the DLQ): a window of recently settled SUCCEEDED payments, read by this index.
CREATE INDEX ix_payment_status_updated ON payment (status, updated_at);
