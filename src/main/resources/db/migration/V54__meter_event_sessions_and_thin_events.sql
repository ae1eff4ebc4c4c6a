-- Short-lived tokens of the v2 meter event stream (Stripe: 15 minutes).
CREATE TABLE meter_event_sessions (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  authentication_token TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE UNIQUE INDEX meter_event_sessions_by_token ON meter_event_sessions (authentication_token);

-- Stripe's v2 thin events (/v2/core/events), such as meter error reports; times in milliseconds.
CREATE TABLE thin_events (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created_ms BIGINT NOT NULL,
  type TEXT NOT NULL,
  related_object_id TEXT,
  related_object_type TEXT,
  related_object_url TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX thin_events_by_seq ON thin_events (account_id, seq);
