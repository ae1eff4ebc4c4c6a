-- Each account's default API version: what a request without Stripe-Version gets, and what its
-- events are rendered in. Accounts made before this existed default to the current version.
ALTER TABLE accounts ADD COLUMN api_version TEXT NOT NULL DEFAULT '2026-07-29.dahlia';
