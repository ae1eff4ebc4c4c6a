-- Set once balance.available has announced that the funds settled.
ALTER TABLE balance_transactions ADD COLUMN announced BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX balance_transactions_unannounced ON balance_transactions (announced, available_on);
