CREATE TABLE products (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  name TEXT NOT NULL,
  active BOOLEAN NOT NULL,
  description TEXT,
  default_price TEXT,
  type TEXT NOT NULL,
  url TEXT,
  shippable BOOLEAN,
  unit_label TEXT,
  statement_descriptor TEXT,
  tax_code TEXT,
  images TEXT NOT NULL,
  metadata TEXT NOT NULL,
  deleted BOOLEAN NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX products_by_seq ON products (account_id, seq);

CREATE TABLE prices (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  product TEXT NOT NULL,
  currency TEXT NOT NULL,
  active BOOLEAN NOT NULL,
  unit_amount BIGINT,
  unit_amount_decimal TEXT,
  billing_scheme TEXT NOT NULL,
  tiers_mode TEXT,
  tiers TEXT,
  recurring TEXT,
  lookup_key TEXT,
  nickname TEXT,
  tax_behavior TEXT NOT NULL,
  transform_quantity TEXT,
  metadata TEXT NOT NULL,
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, lookup_key)
);
CREATE INDEX prices_by_seq ON prices (account_id, seq);
CREATE INDEX prices_by_product ON prices (account_id, product);
