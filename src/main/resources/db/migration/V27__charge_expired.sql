-- An authorization that ran out uncaptured. Since API 2025-03-31.basil nothing else on the charge
-- changes when it expires (no refund), so the expiry job needs this to find each charge once.
ALTER TABLE charges ADD COLUMN expired BOOLEAN NOT NULL DEFAULT FALSE;
