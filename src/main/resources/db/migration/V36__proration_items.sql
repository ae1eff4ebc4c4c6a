-- Proration items: made by a subscription change, billed with the subscription's next invoice.
ALTER TABLE invoice_items ADD COLUMN subscription TEXT;
ALTER TABLE invoice_items ADD COLUMN proration BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE invoice_items ADD COLUMN period_start BIGINT;
ALTER TABLE invoice_items ADD COLUMN period_end BIGINT;
