CREATE TABLE credit_grants (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  customer TEXT NOT NULL,
  currency TEXT NOT NULL,
  value BIGINT NOT NULL,
  price_type TEXT,
  prices TEXT,
  category TEXT NOT NULL,
  effective_at BIGINT NOT NULL,
  expires_at BIGINT,
  name TEXT,
  priority INTEGER NOT NULL,
  metadata TEXT NOT NULL,
  voided_at BIGINT,
  -- Set once the unused remainder has been debited (expired or voided): the grant is closed.
  closed BOOLEAN NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX credit_grants_by_customer ON credit_grants (account_id, customer, seq);
CREATE INDEX credit_grants_expiring ON credit_grants (closed, expires_at);

CREATE TABLE credit_balance_transactions (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  credit_grant TEXT NOT NULL,
  customer TEXT NOT NULL,
  type TEXT NOT NULL,
  reason TEXT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  effective_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX credit_balance_transactions_by_customer ON credit_balance_transactions (account_id, customer, seq);
