CREATE TABLE invoices (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  customer TEXT NOT NULL,
  customer_email TEXT,
  customer_name TEXT,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  collection_method TEXT NOT NULL,
  billing_reason TEXT,
  subscription TEXT,
  number TEXT,
  subtotal BIGINT NOT NULL,
  total BIGINT NOT NULL,
  amount_due BIGINT NOT NULL,
  amount_paid BIGINT NOT NULL,
  attempt_count BIGINT NOT NULL,
  attempted BOOLEAN NOT NULL,
  auto_advance BOOLEAN NOT NULL,
  period_start BIGINT NOT NULL,
  period_end BIGINT NOT NULL,
  due_date BIGINT,
  next_payment_attempt BIGINT,
  description TEXT,
  metadata TEXT NOT NULL,
  default_payment_method TEXT,
  finalized_at BIGINT,
  marked_uncollectible_at BIGINT,
  paid_at BIGINT,
  voided_at BIGINT,
  lines_data TEXT NOT NULL,
  test_clock TEXT,
  payment_intent TEXT,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX invoices_by_seq ON invoices (account_id, seq);
CREATE INDEX invoices_by_customer ON invoices (account_id, customer, seq);
CREATE INDEX invoices_by_subscription ON invoices (account_id, subscription, seq);
CREATE UNIQUE INDEX invoices_number ON invoices (account_id, number);
CREATE INDEX invoices_due ON invoices (status, next_payment_attempt);

CREATE TABLE invoice_items (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  customer TEXT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  description TEXT,
  quantity BIGINT NOT NULL,
  invoice TEXT,
  metadata TEXT NOT NULL,
  price TEXT,
  product TEXT,
  test_clock TEXT,
  deleted BOOLEAN NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX invoice_items_by_customer ON invoice_items (account_id, customer, seq);
CREATE INDEX invoice_items_by_seq ON invoice_items (account_id, seq);

CREATE TABLE invoice_payments (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  invoice TEXT NOT NULL,
  amount_paid BIGINT NOT NULL,
  amount_requested BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  payment_intent TEXT,
  paid_at BIGINT,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX invoice_payments_by_invoice ON invoice_payments (account_id, invoice, seq);
CREATE INDEX invoice_payments_by_seq ON invoice_payments (account_id, seq);

CREATE TABLE subscriptions (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  customer TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  items_data TEXT NOT NULL,
  interval_unit TEXT NOT NULL,
  interval_count BIGINT NOT NULL,
  billing_cycle_anchor BIGINT NOT NULL,
  current_period_start BIGINT NOT NULL,
  current_period_end BIGINT NOT NULL,
  cancel_at_period_end BOOLEAN NOT NULL,
  canceled_at BIGINT,
  ended_at BIGINT,
  start_date BIGINT NOT NULL,
  trial_start BIGINT,
  trial_end BIGINT,
  latest_invoice TEXT,
  default_payment_method TEXT,
  collection_method TEXT NOT NULL,
  days_until_due BIGINT,
  description TEXT,
  metadata TEXT NOT NULL,
  test_clock TEXT,
  cancellation_reason TEXT,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX subscriptions_by_seq ON subscriptions (account_id, seq);
CREATE INDEX subscriptions_by_customer ON subscriptions (account_id, customer, seq);
CREATE INDEX subscriptions_due ON subscriptions (status, current_period_end);
