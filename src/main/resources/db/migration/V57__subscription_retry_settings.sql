-- What happens when an invoice's last payment retry fails (Stripe's Dashboard "Manage failed
-- payments" settings), per account; no row means Stripe's defaults (cancel, leave the invoice open).
CREATE TABLE subscription_retry_settings (
  account_id TEXT NOT NULL PRIMARY KEY,
  subscription_status TEXT NOT NULL,
  invoice_status TEXT NOT NULL
);
