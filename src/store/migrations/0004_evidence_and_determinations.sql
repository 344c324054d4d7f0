CREATE TABLE "determination_months" (
	"determination_id" uuid NOT NULL,
	"month" text NOT NULL,
	"components" jsonb NOT NULL,
	"needs_cents" bigint NOT NULL,
	"resources_cents" bigint NOT NULL,
	"entitlement_cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "determinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pdc_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pdc_id" uuid NOT NULL,
	"type" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"corrects_version_id" uuid,
	"subtype" text,
	"person_id" uuid,
	"amount_cents" bigint,
	"period_start" date NOT NULL,
	"period_end" date,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"approval" text NOT NULL,
	"approval_by" uuid,
	"approval_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	"applied_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "evidence_versions_kind" CHECK ("evidence_versions"."kind" in ('original','correction','change')),
	CONSTRAINT "evidence_versions_status" CHECK ("evidence_versions"."status" in ('in-edit','active','superseded','cancelled')),
	CONSTRAINT "evidence_versions_approval" CHECK ("evidence_versions"."approval" in ('not-required','pending','approved','rejected')),
	CONSTRAINT "evidence_versions_period" CHECK ("evidence_versions"."period_end" is null or "evidence_versions"."period_end" >= "evidence_versions"."period_start")
);
--> statement-breakpoint
CREATE TABLE "payment_differences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pdc_id" uuid NOT NULL,
	"determination_id" uuid NOT NULL,
	"month" text NOT NULL,
	"previous_cents" bigint NOT NULL,
	"new_cents" bigint NOT NULL,
	"difference_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "determination_months" ADD CONSTRAINT "determination_months_determination_id_determinations_id_fk" FOREIGN KEY ("determination_id") REFERENCES "public"."determinations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_pdc_id_product_delivery_cases_id_fk" FOREIGN KEY ("pdc_id") REFERENCES "public"."product_delivery_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_pdc_id_product_delivery_cases_id_fk" FOREIGN KEY ("pdc_id") REFERENCES "public"."product_delivery_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_approval_by_users_id_fk" FOREIGN KEY ("approval_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_differences" ADD CONSTRAINT "payment_differences_pdc_id_product_delivery_cases_id_fk" FOREIGN KEY ("pdc_id") REFERENCES "public"."product_delivery_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_differences" ADD CONSTRAINT "payment_differences_determination_id_determinations_id_fk" FOREIGN KEY ("determination_id") REFERENCES "public"."determinations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "determination_months_pk" ON "determination_months" USING btree ("determination_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "determinations_version" ON "determinations" USING btree ("pdc_id","version");--> statement-breakpoint
CREATE INDEX "evidence_pdc_idx" ON "evidence" USING btree ("pdc_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_versions_number" ON "evidence_versions" USING btree ("evidence_id","number");--> statement-breakpoint
CREATE INDEX "evidence_versions_status_idx" ON "evidence_versions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "payment_differences_pdc_idx" ON "payment_differences" USING btree ("pdc_id","month");