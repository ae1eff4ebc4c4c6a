-- A customer's invoice numbers count on its own row: next_invoice_sequence is what the customer
-- object renders (Stripe's field, settable on create and update) and what finalization takes, under
-- the row lock, so two processes finalizing at once still get consecutive numbers. It replaces
-- V70's counter table, whose counts it starts from.
ALTER TABLE customers ADD COLUMN next_invoice_sequence BIGINT NOT NULL DEFAULT 1;
UPDATE customers SET next_invoice_sequence = 1 + COALESCE((SELECT c.last_number
  FROM invoice_number_counters c
  WHERE c.account_id = customers.account_id AND c.customer = customers.id), 0);
DROP TABLE invoice_number_counters;
