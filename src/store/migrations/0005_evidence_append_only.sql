-- Determinations and payment differences are a record of what was decided: append-only.
CREATE TRIGGER determinations_no_update_or_delete
  BEFORE UPDATE OR DELETE ON determinations
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER determination_months_no_update_or_delete
  BEFORE UPDATE OR DELETE ON determination_months
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER payment_differences_no_update_or_delete
  BEFORE UPDATE OR DELETE ON payment_differences
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
-- Evidence versions are never deleted (superseded and cancelled versions stay readable).
CREATE FUNCTION evidence_versions_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence versions are never deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_versions_keep
  BEFORE DELETE ON evidence_versions
  FOR EACH ROW EXECUTE FUNCTION evidence_versions_no_delete();
