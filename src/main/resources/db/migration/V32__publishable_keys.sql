-- Each account's publishable key (pk_test_…), stored hashed like its secret keys.
ALTER TABLE api_keys ADD COLUMN publishable BOOLEAN NOT NULL DEFAULT FALSE;
