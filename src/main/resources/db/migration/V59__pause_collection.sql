-- pause_collection (behavior and when it ends by itself) and what ends a trial without a payment
-- method (trial_settings.end_behavior.missing_payment_method; null is create_invoice).
ALTER TABLE subscriptions ADD COLUMN pause_behavior TEXT;
ALTER TABLE subscriptions ADD COLUMN pause_resumes_at BIGINT;
ALTER TABLE subscriptions ADD COLUMN trial_missing_payment_method TEXT;
CREATE INDEX subscriptions_paused ON subscriptions (pause_resumes_at);
