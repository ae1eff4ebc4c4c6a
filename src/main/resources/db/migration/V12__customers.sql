CREATE TABLE customers (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  email TEXT,
  name TEXT,
  phone TEXT,
  description TEXT,
  balance BIGINT NOT NULL,
  currency TEXT,
  default_source TEXT,
  invoice_prefix TEXT NOT NULL,
  tax_exempt TEXT NOT NULL,
  preferred_locales TEXT NOT NULL,
  address TEXT,
  shipping TEXT,
  metadata TEXT NOT NULL,
  deleted BOOLEAN NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX customers_by_seq ON customers (account_id, seq);
CREATE INDEX customers_by_email ON customers (account_id, email);

-- Cards attached to customers (source=tok_… on create or update); charges use them by id or as default.
CREATE TABLE customer_cards (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  customer TEXT NOT NULL,
  token TEXT NOT NULL,
  created BIGINT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX customer_cards_by_customer ON customer_cards (account_id, customer);
