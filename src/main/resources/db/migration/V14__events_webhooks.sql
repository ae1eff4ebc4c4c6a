-- The outbox: written in the same transaction as the change it describes.
CREATE TABLE events (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  type TEXT NOT NULL,
  api_version TEXT NOT NULL,
  object TEXT NOT NULL,
  previous_attributes TEXT,
  request_id TEXT,
  idempotency_key TEXT,
  pending_webhooks INTEGER NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX events_by_seq ON events (account_id, seq);
CREATE INDEX events_by_type ON events (account_id, type, seq);

CREATE TABLE webhook_endpoints (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  url TEXT NOT NULL,
  description TEXT,
  enabled_events TEXT NOT NULL,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  api_version TEXT,
  metadata TEXT NOT NULL,
  deleted BOOLEAN NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX webhook_endpoints_by_seq ON webhook_endpoints (account_id, seq);

-- One row per (event, endpoint): retried by the dispatcher until delivered (at least once).
CREATE TABLE webhook_deliveries (
  account_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT,
  delivered BOOLEAN NOT NULL,
  last_status INTEGER,
  PRIMARY KEY (account_id, event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (delivered, next_attempt_at);
