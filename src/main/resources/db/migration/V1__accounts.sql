CREATE TABLE accounts (
  id TEXT NOT NULL PRIMARY KEY,
  created BIGINT NOT NULL
);

-- Keys are stored as SHA-256 hashes: the database never holds a usable secret.
CREATE TABLE api_keys (
  key_hash TEXT NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  last4 TEXT NOT NULL,
  livemode BOOLEAN NOT NULL,
  created BIGINT NOT NULL
);
