-- Subscription search: metadata as rows (owner, key, lower-cased value), as for customers, so that
-- metadata["key"]:"value" uses an index. Written from now on; subscriptions made before this
-- migration are found by their other fields only until their metadata next changes.
CREATE TABLE subscription_metadata (
  account_id TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  meta_key TEXT NOT NULL,
  value_lower TEXT NOT NULL,
  PRIMARY KEY (account_id, subscription_id, meta_key)
);
CREATE INDEX subscription_metadata_by_value ON subscription_metadata (account_id, meta_key, value_lower);
CREATE INDEX subscriptions_by_status ON subscriptions (account_id, status, seq);
