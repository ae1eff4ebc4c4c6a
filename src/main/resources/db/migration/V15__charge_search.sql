-- Searchable card fields as real columns, and metadata as rows, so search is index-backed SQL.
ALTER TABLE charges ADD COLUMN card_brand TEXT;
ALTER TABLE charges ADD COLUMN card_last4 TEXT;
ALTER TABLE charges ADD COLUMN card_exp_month TEXT;
ALTER TABLE charges ADD COLUMN card_exp_year TEXT;
ALTER TABLE charges ADD COLUMN card_fingerprint TEXT;
ALTER TABLE charges ADD COLUMN billing_postal_code TEXT;
CREATE INDEX charges_by_last4 ON charges (account_id, card_last4);
CREATE INDEX charges_by_amount ON charges (account_id, amount);

CREATE TABLE charge_metadata (
  account_id TEXT NOT NULL,
  charge_id TEXT NOT NULL,
  meta_key TEXT NOT NULL,
  value_lower TEXT NOT NULL,
  PRIMARY KEY (account_id, charge_id, meta_key)
);
CREATE INDEX charge_metadata_by_value ON charge_metadata (account_id, meta_key, value_lower);
