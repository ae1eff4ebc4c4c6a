-- Disputes keep the objects Stripe shows as they are stored by the resource kit: evidence_details and
-- payment_method_details as JSON (their columns go), livemode as opened (a verdict job re-read it as
-- false), and no version: evidence merges are made under the row lock and status moves are guarded.
ALTER TABLE disputes ADD COLUMN livemode BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE disputes ADD COLUMN evidence_details TEXT;
ALTER TABLE disputes ADD COLUMN payment_method_details TEXT;
UPDATE disputes SET
  livemode = EXISTS (SELECT 1 FROM api_keys k WHERE k.account_id = disputes.account_id AND k.livemode),
  evidence_details = '{"dueBy":' || due_by
    || ',"hasEvidence":' || CASE WHEN has_evidence THEN 'true' ELSE 'false' END
    || ',"pastDue":' || CASE WHEN past_due THEN 'true' ELSE 'false' END
    || ',"submissionCount":' || submission_count || '}',
  payment_method_details = '{"card":{"brand":"' || brand || '","caseType":"' || case_type
    || '","networkReasonCode":'
    || CASE WHEN network_reason_code IS NULL THEN 'null' ELSE '"' || network_reason_code || '"' END
    || '}}';
ALTER TABLE disputes DROP COLUMN due_by;
ALTER TABLE disputes DROP COLUMN has_evidence;
ALTER TABLE disputes DROP COLUMN past_due;
ALTER TABLE disputes DROP COLUMN submission_count;
ALTER TABLE disputes DROP COLUMN brand;
ALTER TABLE disputes DROP COLUMN case_type;
ALTER TABLE disputes DROP COLUMN network_reason_code;
ALTER TABLE disputes DROP COLUMN version;

-- Saved cards are rows of the kit's tables too (every such table has an insertion order).
ALTER TABLE customer_cards ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
