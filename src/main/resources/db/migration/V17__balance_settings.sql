-- One balance_settings object per account, stored as the object Stripe renders.
CREATE TABLE balance_settings (
  account_id TEXT NOT NULL PRIMARY KEY,
  settings TEXT NOT NULL
);
