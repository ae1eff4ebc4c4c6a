-- Credits are now spent by invoices: a grant keeps what is left of it (guarded by the debit's UPDATE),
-- lives on its customer's test clock (its expiry falls due on that clock), and the transactions of
-- an application name the invoice and line they paid.
ALTER TABLE credit_grants ADD COLUMN remaining BIGINT;
UPDATE credit_grants SET remaining = CASE WHEN closed THEN 0 ELSE value END;
ALTER TABLE credit_grants ADD COLUMN test_clock TEXT;
ALTER TABLE credit_balance_transactions ADD COLUMN invoice TEXT;
ALTER TABLE credit_balance_transactions ADD COLUMN invoice_line_item TEXT;
CREATE INDEX credit_balance_transactions_by_invoice ON credit_balance_transactions (account_id, invoice);
