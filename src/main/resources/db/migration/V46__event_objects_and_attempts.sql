-- The id of an event's data.object, so an object's timeline is one indexed query. Events from before
-- this column have none (they are still listed in /v1/events).
ALTER TABLE events ADD COLUMN object_id TEXT;
CREATE INDEX events_by_object ON events (account_id, object_id, seq);

-- Every webhook delivery attempt with the endpoint's answer (-1: no answer), newest kept per delivery.
CREATE TABLE webhook_attempts (
  account_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  attempted_at BIGINT NOT NULL,
  status INTEGER NOT NULL,
  PRIMARY KEY (account_id, event_id, endpoint_id, attempt)
);
