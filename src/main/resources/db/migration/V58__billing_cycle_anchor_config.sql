-- The billing_cycle_anchor_config a subscription was created with (JSON), if any.
ALTER TABLE subscriptions ADD COLUMN billing_cycle_anchor_config TEXT;
