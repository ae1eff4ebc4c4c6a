-- Dashboard sign-ins: only the SHA-256 of the cookie's token is kept, never the token or the key.
CREATE TABLE dashboard_sessions (
  token_hash TEXT NOT NULL,
  account_id TEXT NOT NULL,
  livemode BOOLEAN NOT NULL,
  created BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (token_hash)
);
CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions (expires_at);

-- The last API requests of each account (bounded by the dashboard's writer), secrets masked.
-- object_ids: the ids the request named or answered with, space-separated, for an object's page.
CREATE TABLE request_log (
  account_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  idempotency_key TEXT,
  request_body TEXT NOT NULL,
  response_body TEXT NOT NULL,
  object_ids TEXT NOT NULL,
  PRIMARY KEY (account_id, request_id)
);
CREATE INDEX request_log_by_seq ON request_log (account_id, seq);
