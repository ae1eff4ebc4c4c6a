-- The first execution's response per (account, key), committed with the request's own writes.
CREATE TABLE idempotency_keys (
  account_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  params_hash TEXT NOT NULL,
  request_id TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  created BIGINT NOT NULL,
  PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created);
