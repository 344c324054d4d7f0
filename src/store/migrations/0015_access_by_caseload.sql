CREATE TABLE "offices" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);--> statement-breakpoint
INSERT INTO "offices" ("code", "name") VALUES ('main', 'Main office');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "office_code" text DEFAULT 'main' NOT NULL REFERENCES "offices"("code");--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "team_code" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "clearance" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_clearance" CHECK ("clearance" between 1 and 5);--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "office_code" text DEFAULT 'main' NOT NULL REFERENCES "offices"("code");--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "sensitivity" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_sensitivity" CHECK ("sensitivity" between 1 and 5);--> statement-breakpoint
ALTER TABLE "integrated_cases" ADD COLUMN "opened_by" uuid REFERENCES "users"("id");--> statement-breakpoint
CREATE INDEX "integrated_cases_person_idx" ON "integrated_cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "persons_created_by_idx" ON "persons" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "tasks_person_idx" ON "tasks" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "service_plans_person_idx" ON "service_plans" USING btree ("person_id");--> statement-breakpoint
CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE INDEX "break_glass_grants_user_person_idx" ON "break_glass_grants" USING btree ("user_id","person_id","expires_at");--> statement-breakpoint
CREATE TABLE "access_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid NOT NULL REFERENCES "users"("id"),
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"what" text NOT NULL,
	"basis" text NOT NULL,
	"break_glass" boolean DEFAULT false NOT NULL,
	"reason" text,
	"review_status" text DEFAULT 'not-required' NOT NULL,
	CONSTRAINT "access_log_review_status" CHECK ("review_status" in ('not-required','pending','reviewed')),
	CONSTRAINT "access_log_break_glass_reason" CHECK (not "break_glass" or "reason" is not null)
);--> statement-breakpoint
CREATE INDEX "access_log_actor_idx" ON "access_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "access_log_person_idx" ON "access_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "access_log_at_idx" ON "access_log" USING btree ("at");--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only';
END $$;--> statement-breakpoint
CREATE TRIGGER "access_log_no_delete" BEFORE DELETE ON "access_log" FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
