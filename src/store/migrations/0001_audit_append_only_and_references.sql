-- Audit events are append-only (issue 2, "nothing updates or deletes audit events").
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
-- Person-history rows are append-only too: a change adds a row, it never rewrites one.
CREATE TRIGGER person_details_no_update_or_delete
  BEFORE UPDATE OR DELETE ON person_details
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
-- Human-friendly references: P-000001 for people, IC-000001 for Integrated Cases.
CREATE SEQUENCE person_reference_seq;
--> statement-breakpoint
CREATE SEQUENCE integrated_case_reference_seq;
