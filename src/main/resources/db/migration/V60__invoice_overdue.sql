-- An open send_invoice invoice past its due_date is announced (invoice.overdue) once.
ALTER TABLE invoices ADD COLUMN overdue_noticed BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX invoices_overdue ON invoices (status, due_date);
