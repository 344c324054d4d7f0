-- A debt adjustment sent with an Idempotency-Key (docs/api.md "Retrying a write"): the key is kept
-- with the adjustment, one per author, so that a retry with the same key is answered with the
-- adjustment already made instead of making a second one.
ALTER TABLE "debt_adjustments" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "debt_adjustments_idempotency" ON "debt_adjustments" ("created_by", "idempotency_key") WHERE "idempotency_key" is not null;
