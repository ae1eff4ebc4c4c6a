CREATE TABLE disputes (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created BIGINT NOT NULL,
  charge TEXT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  is_charge_refundable BOOLEAN NOT NULL,
  -- payment_method_details.card: chargeback or inquiry, the card brand and the network's code.
  case_type TEXT NOT NULL,
  brand TEXT NOT NULL,
  network_reason_code TEXT,
  evidence TEXT NOT NULL,
  has_evidence BOOLEAN NOT NULL,
  past_due BOOLEAN NOT NULL,
  submission_count BIGINT NOT NULL,
  due_by BIGINT NOT NULL,
  -- When submitted evidence gets its test-mode verdict; null while none is pending.
  resolve_at BIGINT,
  metadata TEXT NOT NULL,
  -- Bumped by every change, so concurrent updates cannot overwrite each other.
  version BIGINT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE INDEX disputes_by_seq ON disputes (account_id, seq);
CREATE INDEX disputes_by_charge ON disputes (account_id, charge, seq);
CREATE INDEX disputes_to_resolve ON disputes (resolve_at);
