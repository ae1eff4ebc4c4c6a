-- Test clocks: simulated time for the customers on them and their objects' timed jobs.
CREATE TABLE test_clocks (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  name TEXT,
  frozen_time BIGINT NOT NULL,
  target_frozen_time BIGINT,
  status TEXT NOT NULL,
  deletes_after BIGINT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX test_clocks_by_seq ON test_clocks (account_id, seq);
CREATE INDEX test_clocks_advancing ON test_clocks (status);
ALTER TABLE customers ADD COLUMN test_clock TEXT;
ALTER TABLE charges ADD COLUMN test_clock TEXT;
