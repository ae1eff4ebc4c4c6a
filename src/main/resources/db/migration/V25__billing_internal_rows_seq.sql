-- Error reports and alert firings are written through the store's declared tables, which give every
-- row its insertion order (seq) like the other tables; rows written before this have none.
ALTER TABLE meter_error_reports ADD COLUMN seq BIGINT;
ALTER TABLE billing_alert_firings ADD COLUMN seq BIGINT;
