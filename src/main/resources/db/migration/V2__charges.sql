CREATE TABLE charges (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  amount_captured BIGINT NOT NULL,
  amount_refunded BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  paid BOOLEAN NOT NULL,
  captured BOOLEAN NOT NULL,
  refunded BOOLEAN NOT NULL,
  disputed BOOLEAN NOT NULL,
  customer TEXT,
  description TEXT,
  receipt_email TEXT,
  transfer_group TEXT,
  statement_descriptor TEXT,
  statement_descriptor_suffix TEXT,
  failure_code TEXT,
  failure_message TEXT,
  balance_transaction TEXT,
  payment_method TEXT,
  capture_before BIGINT,
  metadata TEXT NOT NULL,
  shipping TEXT,
  fraud_details TEXT NOT NULL,
  -- The card as charged: source, payment_method_details, billing_details and outcome; fixed at creation.
  card TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX charges_by_seq ON charges (account_id, seq);
CREATE INDEX charges_by_customer ON charges (account_id, customer, seq);
CREATE INDEX charges_uncaptured ON charges (captured, status, capture_before);

CREATE TABLE balance_transactions (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  available_on BIGINT NOT NULL,
  type TEXT NOT NULL,
  reporting_category TEXT NOT NULL,
  amount BIGINT NOT NULL,
  fee BIGINT NOT NULL,
  net BIGINT NOT NULL,
  currency TEXT NOT NULL,
  description TEXT,
  source TEXT,
  fee_details TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX balance_transactions_by_seq ON balance_transactions (account_id, seq);
CREATE INDEX balance_transactions_by_source ON balance_transactions (account_id, source);

CREATE TABLE refunds (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  charge TEXT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  balance_transaction TEXT,
  failure_balance_transaction TEXT,
  failure_reason TEXT,
  instructions_email TEXT,
  metadata TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX refunds_by_seq ON refunds (account_id, seq);
CREATE INDEX refunds_by_charge ON refunds (account_id, charge, seq);
