-- References for Service Plans (SP-000001) and product delivery cases (PDC-000001), and the order
-- in which plan items are completed (R03: the last item completed decides who closes the plan).
CREATE SEQUENCE service_plan_reference_seq;
--> statement-breakpoint
CREATE SEQUENCE pdc_reference_seq;
--> statement-breakpoint
CREATE SEQUENCE plan_item_completion_seq;
--> statement-breakpoint
-- Interactions are a record of contact: append-only like the audit trail.
CREATE TRIGGER interactions_no_update_or_delete
  BEFORE UPDATE OR DELETE ON interactions
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
