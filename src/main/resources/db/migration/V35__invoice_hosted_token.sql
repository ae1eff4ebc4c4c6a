-- The bearer token in a finalized invoice's hosted page and PDF URLs (never the invoice id).
ALTER TABLE invoices ADD COLUMN hosted_token TEXT;
CREATE INDEX invoices_by_hosted_token ON invoices (hosted_token);
