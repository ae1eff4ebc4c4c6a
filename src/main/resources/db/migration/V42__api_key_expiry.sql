-- A rolled key keeps working until expires_at (seconds; NULL: no end), as Stripe's roll with an
-- expiration does.
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;
