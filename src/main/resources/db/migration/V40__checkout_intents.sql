-- Checkout pays through a PaymentIntent (payment mode) or saves through a SetupIntent (setup mode).
ALTER TABLE checkout_sessions ADD COLUMN payment_intent TEXT;
ALTER TABLE checkout_sessions ADD COLUMN setup_intent TEXT;
CREATE INDEX checkout_sessions_by_payment_intent ON checkout_sessions (account_id, payment_intent);
