-- A refund names its charge's customer and payment method (they were rendered as null).
ALTER TABLE refunds ADD COLUMN customer TEXT;
ALTER TABLE refunds ADD COLUMN payment_method TEXT;
UPDATE refunds SET
  customer = (SELECT c.customer FROM charges c WHERE c.account_id = refunds.account_id AND c.id = refunds.charge),
  payment_method = (SELECT c.payment_method FROM charges c WHERE c.account_id = refunds.account_id AND c.id = refunds.charge);
