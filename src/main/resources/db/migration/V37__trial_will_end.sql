-- customer.subscription.trial_will_end goes out once, three days before a trial ends.
ALTER TABLE subscriptions ADD COLUMN trial_warned BOOLEAN NOT NULL DEFAULT FALSE;
