-- Stripe keeps a meter event's identifier unique for a rolling 24 hours. The claim on an identifier
-- is this table's key: an insert takes a free identifier, and an upsert guarded by the age of the
-- old claim retakes one whose 24 hours are over. Two processes ingesting one identifier therefore
-- meet at this key, never at a read.
CREATE TABLE meter_event_identifiers (
  account_id TEXT NOT NULL,
  identifier TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, identifier)
);
INSERT INTO meter_event_identifiers (account_id, identifier, claimed_at)
  SELECT account_id, identifier, created FROM meter_events;

-- An identifier may now come back after 24 hours, so events are keyed by identifier and arrival.
CREATE TABLE meter_events_by_arrival (
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
  PRIMARY KEY (account_id, identifier, created)
);
INSERT INTO meter_events_by_arrival
  (account_id, identifier, event_name, customer, value_text, event_time, created, seq, payload, cancelled)
  SELECT account_id, identifier, event_name, customer, value_text, event_time, created, seq, payload, cancelled
  FROM meter_events;
DROP TABLE meter_events;
ALTER TABLE meter_events_by_arrival RENAME TO meter_events;
CREATE INDEX meter_events_by_customer ON meter_events (account_id, event_name, customer, event_time);
