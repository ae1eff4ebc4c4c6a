CREATE TABLE checkout_sessions (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  payment_status TEXT NOT NULL,
  mode TEXT NOT NULL,
  currency TEXT,
  amount_subtotal BIGINT,
  amount_total BIGINT,
  customer TEXT,
  customer_email TEXT,
  charge TEXT,
  -- Everything else the object echoes (urls, locale, metadata, customer_details, …).
  fields TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX checkout_sessions_by_seq ON checkout_sessions (account_id, seq);
CREATE INDEX checkout_sessions_open ON checkout_sessions (status, expires_at);

CREATE TABLE checkout_line_items (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  session TEXT NOT NULL,
  seq BIGINT NOT NULL,
  price TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  description TEXT,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX checkout_line_items_by_session ON checkout_line_items (account_id, session, seq);
