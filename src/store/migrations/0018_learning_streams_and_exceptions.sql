-- Learner program rules (issue 16): the learning stream of a training plan item (the duration caps
-- count months per stream), the low-literacy allowance of a learner case, and training exceptions
-- (R08: recorded by an Authorized Official with its grounds, decided by someone else).
ALTER TABLE "plan_items" ADD COLUMN "learning_stream" text;--> statement-breakpoint
ALTER TABLE "product_delivery_cases" ADD COLUMN "low_literacy" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE "training_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"kind" text NOT NULL,
	"plan_item_id" uuid REFERENCES "plan_items"("id"),
	"grounds" text[] NOT NULL,
	"explanation" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"recorded_by" uuid NOT NULL REFERENCES "users"("id"),
	"decided_by" uuid REFERENCES "users"("id"),
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"used_by_record_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "training_exceptions_kind" CHECK ("kind" in ('subsequent-training','duration-cap')),
	CONSTRAINT "training_exceptions_status" CHECK ("status" in ('pending','approved','rejected','used')),
	CONSTRAINT "training_exceptions_grounds" CHECK (cardinality("grounds") >= 1),
	CONSTRAINT "training_exceptions_separation_of_duties" CHECK ("decided_by" is null or "decided_by" <> "recorded_by")
);--> statement-breakpoint
CREATE INDEX "training_exceptions_person_idx" ON "training_exceptions" USING btree ("person_id");
