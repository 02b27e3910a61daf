-- The budget ledger is append-only: corrections are new entries, never edits. This trigger makes the
-- database itself refuse an UPDATE or DELETE of a ledger row, whatever the application does.
CREATE OR REPLACE FUNCTION budget_ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'budget_ledger is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER budget_ledger_no_update_or_delete
  BEFORE UPDATE OR DELETE ON budget_ledger
  FOR EACH ROW EXECUTE FUNCTION budget_ledger_append_only();
