-- invoice.upcoming: the period end whose upcoming renewal was announced, so each is announced once.
ALTER TABLE subscriptions ADD COLUMN upcoming_noticed_for BIGINT;
