CREATE TABLE portal_configurations (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  active BOOLEAN NOT NULL,
  is_default BOOLEAN NOT NULL,
  -- business_profile, default_return_url, features, login_page, metadata, name as rendered.
  settings TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX portal_configurations_by_seq ON portal_configurations (account_id, seq);

CREATE TABLE portal_sessions (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  token TEXT NOT NULL,
  created BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  customer TEXT NOT NULL,
  configuration TEXT NOT NULL,
  return_url TEXT,
  locale TEXT,
  flow TEXT,
  PRIMARY KEY (account_id, id)
);
-- The page URL carries only the token, so it is looked up on its own.
CREATE UNIQUE INDEX portal_sessions_by_token ON portal_sessions (token);
