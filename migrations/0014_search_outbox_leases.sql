ALTER TABLE "search_outbox" ADD COLUMN "lease_owner" text;--> statement-breakpoint
-- Wake listening workers when a transaction queues search changes (delivered at commit, once per statement).
CREATE OR REPLACE FUNCTION search_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('search_outbox', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_notify AFTER INSERT ON "search_outbox" FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_notify();
