-- The Idempotency-Keys of registering a person, adding evidence and recording a contact (docs/api.md
-- "Retrying a write"): claimed in the write's transaction with the id of the record it makes, one per
-- author and key, so that a retry with the same key is answered with the record already made
-- instead of making a second one (and a concurrent retry waits for the first).
CREATE TABLE "idempotency_keys" (
	"created_by" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"fingerprint" text NOT NULL,
	"record_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY("created_by","key"),
	CONSTRAINT "idempotency_keys_kind" CHECK ("idempotency_keys"."kind" in ('person.register','evidence.add','interaction.record'))
);--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
