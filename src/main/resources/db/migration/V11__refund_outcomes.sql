-- Test cards whose refunds settle later (pending, or succeed-then-fail) are finished by a job at due_at.
ALTER TABLE refunds ADD COLUMN due_at BIGINT;
ALTER TABLE refunds ADD COLUMN pending_outcome TEXT;
CREATE INDEX refunds_due ON refunds (due_at);
