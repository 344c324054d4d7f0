-- Debt adjustments keep their Idempotency-Key in idempotency_keys, as registering a person, adding
-- evidence and recording a contact do (docs/api.md "Retrying a write", app/idempotency.ts): one
-- mechanism, kind 'debt.adjust'. The keys migration 0023 kept on the adjustments move there, so that
-- a retry of an adjustment made before the upgrade is still answered with it, never made again.
--
-- Each key's row: its author and key; the adjustment as the record; the adjustment's time; and the
-- fingerprint app/idempotency.ts computes for the same request, sha-256 of the JSON text
-- ["debt.adjust",{"amountCents":<cents>,"debtId":"<id>","reason":"<reason>"}] (members in order of
-- name). These are what the release before compared a retry with (the debt, the signed amount and
-- the reason), so a retry is answered as before: the same request replays, another is refused.
-- to_json escapes text as JSON.stringify does (\" \\ \b \f \n \r \t, other control characters as
-- \u00xx, everything else as it is), and a uuid's text is lower case, as the API reads ids.
--
-- What cannot be copied faithfully: a key whose author had also used it for a registration, evidence
-- or a contact (kept apart in idempotency_keys until now; one key per author from here on) keeps that
-- write, and a retry of the adjustment with it is refused as a reused key (422 IDEMPOTENCY_KEY_REUSED)
-- instead of replayed: it changes nothing, so nothing is ever adjusted twice. An adjustment with a key
-- and no author cannot have been made (adjustments with a key were always made by a user) and would
-- have no row to go to.
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_kind";--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_kind" CHECK ("idempotency_keys"."kind" in ('person.register','evidence.add','interaction.record','debt.adjust'));--> statement-breakpoint
INSERT INTO "idempotency_keys" ("created_by", "key", "kind", "fingerprint", "record_id", "created_at")
SELECT
	"created_by",
	"idempotency_key",
	'debt.adjust',
	encode(sha256(convert_to(
		'["debt.adjust",{"amountCents":' || "amount_cents"::text
			|| ',"debtId":' || to_json("debt_id"::text)::text
			|| ',"reason":' || to_json("reason")::text || '}]',
		'UTF8')), 'hex'),
	"id",
	"created_at"
FROM "debt_adjustments"
WHERE "idempotency_key" IS NOT NULL AND "created_by" IS NOT NULL
ON CONFLICT ("created_by", "key") DO NOTHING;--> statement-breakpoint
DROP INDEX "debt_adjustments_idempotency";--> statement-breakpoint
ALTER TABLE "debt_adjustments" DROP COLUMN "idempotency_key";
