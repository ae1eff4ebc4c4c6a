-- The older clock-driven jobs follow a customer's test clock: funds becoming available, refund
-- outcomes, dispute verdicts and Checkout expiry each know the clock of the customer they belong to
-- (null: the running clock).
ALTER TABLE balance_transactions ADD COLUMN test_clock TEXT;
ALTER TABLE refunds ADD COLUMN test_clock TEXT;
ALTER TABLE disputes ADD COLUMN test_clock TEXT;
ALTER TABLE checkout_sessions ADD COLUMN test_clock TEXT;
CREATE INDEX balance_transactions_on_test_clock ON balance_transactions (account_id, test_clock);
