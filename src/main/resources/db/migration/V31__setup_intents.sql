CREATE TABLE setup_intents (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  status TEXT NOT NULL,
  customer TEXT,
  payment_method TEXT,
  usage TEXT NOT NULL,
  description TEXT,
  metadata TEXT NOT NULL,
  cancellation_reason TEXT,
  last_setup_error TEXT,
  next_action TEXT,
  automatic_payment_methods TEXT,
  payment_method_options TEXT NOT NULL,
  payment_method_types TEXT NOT NULL,
  client_secret TEXT NOT NULL,
  return_url TEXT,
  -- The hosted 3-D Secure page's bearer token while the intent awaits authentication.
  authentication_token TEXT,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX setup_intents_by_seq ON setup_intents (account_id, seq);
CREATE INDEX setup_intents_by_customer ON setup_intents (account_id, customer, seq);
CREATE INDEX setup_intents_by_authentication_token ON setup_intents (authentication_token);
