-- Tamper-evident audit trail: each event carries the hash of its predecessor. A single head row,
-- locked by every insert, orders the chain (chain_index) and serialises writers of the audit trail.
-- The hash covers the event's fields in a fixed text form; `waypoint audit verify` recomputes it.
CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  last_index bigint NOT NULL,
  last_hash text NOT NULL
);
--> statement-breakpoint
INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64));
--> statement-breakpoint
CREATE FUNCTION audit_event_digest(prev text, idx bigint, e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(
    prev || '|' || idx::text || '|' || e.seq::text || '|' || extract(epoch from e.at)::text || '|' ||
    coalesce(e.actor_id::text, '') || '|' || e.action || '|' || e.record_type || '|' || e.record_id || '|' ||
    coalesce(e.before::text, 'null') || '|' || coalesce(e.after::text, 'null'), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.chain_index := head.last_index + 1;
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_event_digest(head.last_hash, NEW.chain_index, NEW);
  UPDATE audit_chain_head SET last_index = NEW.chain_index, last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_hash_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
