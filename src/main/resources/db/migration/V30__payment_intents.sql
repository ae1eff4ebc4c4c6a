-- PaymentMethods, PaymentIntents and SetupIntents; charges, refunds and disputes name the intent.
ALTER TABLE charges ADD COLUMN payment_intent TEXT;
CREATE INDEX charges_by_payment_intent ON charges (account_id, payment_intent, seq);
ALTER TABLE refunds ADD COLUMN payment_intent TEXT;
CREATE INDEX refunds_by_payment_intent ON refunds (account_id, payment_intent, seq);
ALTER TABLE disputes ADD COLUMN payment_intent TEXT;
ALTER TABLE customers ADD COLUMN default_payment_method TEXT;

CREATE TABLE payment_methods (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  type TEXT NOT NULL,
  customer TEXT,
  billing_details TEXT NOT NULL,
  metadata TEXT NOT NULL,
  allow_redisplay TEXT NOT NULL,
  card TEXT NOT NULL,
  -- The Stripe test token the card came from, and whether it may still be used (reference §9).
  token TEXT NOT NULL,
  consumed BOOLEAN NOT NULL,
  authenticated BOOLEAN NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX payment_methods_by_customer ON payment_methods (account_id, customer, seq);
CREATE INDEX payment_methods_by_seq ON payment_methods (account_id, seq);

CREATE TABLE payment_intents (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  amount_capturable BIGINT NOT NULL,
  amount_received BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  customer TEXT,
  payment_method TEXT,
  capture_method TEXT NOT NULL,
  confirmation_method TEXT NOT NULL,
  setup_future_usage TEXT,
  description TEXT,
  receipt_email TEXT,
  statement_descriptor TEXT,
  statement_descriptor_suffix TEXT,
  metadata TEXT NOT NULL,
  latest_charge TEXT,
  canceled_at BIGINT,
  cancellation_reason TEXT,
  last_payment_error TEXT,
  next_action TEXT,
  automatic_payment_methods TEXT,
  payment_method_options TEXT NOT NULL,
  payment_method_types TEXT NOT NULL,
  client_secret TEXT NOT NULL,
  return_url TEXT,
  off_session BOOLEAN NOT NULL,
  -- The hosted 3-D Secure page's bearer token while the intent awaits authentication.
  authentication_token TEXT,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX payment_intents_by_authentication_token ON payment_intents (authentication_token);
CREATE INDEX payment_intents_by_seq ON payment_intents (account_id, seq);
CREATE INDEX payment_intents_by_customer ON payment_intents (account_id, customer, seq);

CREATE TABLE payment_intent_metadata (
  account_id TEXT NOT NULL,
  payment_intent_id TEXT NOT NULL,
  meta_key TEXT NOT NULL,
  value_lower TEXT NOT NULL,
  PRIMARY KEY (account_id, payment_intent_id, meta_key)
);
CREATE INDEX payment_intent_metadata_by_value ON payment_intent_metadata (account_id, meta_key, value_lower);
