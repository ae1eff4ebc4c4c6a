CREATE TABLE billing_meters (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  display_name TEXT NOT NULL,
  event_name TEXT NOT NULL,
  formula TEXT NOT NULL,
  customer_key TEXT NOT NULL,
  value_key TEXT NOT NULL,
  event_time_window TEXT,
  status TEXT NOT NULL,
  deactivated_at BIGINT,
  PRIMARY KEY (account_id, id),
  -- An event name belongs to one meter for good, even after deactivation.
  UNIQUE (account_id, event_name)
);
CREATE INDEX billing_meters_by_seq ON billing_meters (account_id, seq);

-- Append-only: ingesting an event is one INSERT, never a read-modify-write of an aggregate.
CREATE TABLE meter_events (
  account_id TEXT NOT NULL,
  identifier TEXT NOT NULL,
  event_name TEXT NOT NULL,
  customer TEXT,
  value_text TEXT,
  event_time BIGINT NOT NULL,
  created BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  payload TEXT NOT NULL,
  cancelled BOOLEAN NOT NULL,
  PRIMARY KEY (account_id, identifier)
);
CREATE INDEX meter_events_by_customer ON meter_events (account_id, event_name, customer, event_time);

-- What Stripe reports asynchronously (unknown meter, missing payload keys, bad values).
CREATE TABLE meter_error_reports (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  created BIGINT NOT NULL,
  event_name TEXT NOT NULL,
  identifier TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);

CREATE TABLE billing_alerts (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  title TEXT NOT NULL,
  meter TEXT NOT NULL,
  gte BIGINT NOT NULL,
  customer TEXT,
  status TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX billing_alerts_by_meter ON billing_alerts (account_id, meter, status);

-- One row per (alert, customer) that crossed the threshold: the key makes "fires once" hold under races.
CREATE TABLE billing_alert_firings (
  account_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  customer TEXT NOT NULL,
  created BIGINT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (account_id, alert_id, customer)
);
