-- Subscription mode: the subscription and first invoice a completed session made.
ALTER TABLE checkout_sessions ADD COLUMN subscription TEXT;
ALTER TABLE checkout_sessions ADD COLUMN invoice TEXT;
CREATE INDEX checkout_sessions_by_subscription ON checkout_sessions (account_id, subscription);
