-- The audit trail is sealed in batches (docs/audit-integrity.md): an interactive write inserts its
-- event and touches no shared row; a sealer, outside any interactive transaction, later gives each
-- unsealed event its chain position and a keyed hash (HMAC-SHA-256 with a key the database does not
-- hold). The single chain-head row every writer queued on, and the unkeyed digest the database could
-- recompute for a forger, go.
DROP TRIGGER audit_events_hash_chain ON audit_events;
--> statement-breakpoint
DROP FUNCTION audit_events_chain();
--> statement-breakpoint
DROP FUNCTION audit_event_digest(text, bigint, audit_events);
--> statement-breakpoint
DROP TABLE audit_chain_head;
--> statement-breakpoint
-- Events sealed by the unkeyed chain are sealed again, with the key, by the first sealer run.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete;
--> statement-breakpoint
UPDATE audit_events SET chain_index = NULL, prev_hash = NULL, hash = NULL;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_or_delete;
--> statement-breakpoint
-- Still append-only: DELETE is refused, and the only UPDATE allowed is sealing an unsealed event,
-- which sets its three chain columns once and changes nothing else.
CREATE FUNCTION audit_events_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.chain_index IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
     AND NEW.chain_index IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
     AND (NEW.seq, NEW.at, NEW.actor_id, NEW.action, NEW.record_type, NEW.record_id, NEW.before, NEW.after)
         IS NOT DISTINCT FROM (OLD.seq, OLD.at, OLD.actor_id, OLD.action, OLD.record_type, OLD.record_id, OLD.before, OLD.after) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER audit_events_no_update_or_delete ON audit_events;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_seal_only();
--> statement-breakpoint
CREATE INDEX audit_events_unsealed ON audit_events (seq) WHERE chain_index IS NULL;
