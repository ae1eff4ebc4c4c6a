CREATE TABLE customer_metadata (
  account_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  meta_key TEXT NOT NULL,
  value_lower TEXT NOT NULL,
  PRIMARY KEY (account_id, customer_id, meta_key)
);
CREATE INDEX customer_metadata_by_value ON customer_metadata (account_id, meta_key, value_lower);
