-- A customer's invoice numbers come from a counter row taken in the finalizing transaction: two
-- processes finalizing invoices of one customer at once queue on the row, where counting the
-- numbered invoices let both take the same number. Seeded with the numbers given so far.
CREATE TABLE invoice_number_counters (
  account_id TEXT NOT NULL,
  customer TEXT NOT NULL,
  last_number BIGINT NOT NULL,
  PRIMARY KEY (account_id, customer)
);
INSERT INTO invoice_number_counters (account_id, customer, last_number)
  SELECT account_id, customer, COUNT(*) FROM invoices WHERE number IS NOT NULL
  GROUP BY account_id, customer;
