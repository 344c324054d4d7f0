CREATE TABLE "two_attending_situations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_pdc_id" uuid NOT NULL,
	"second_pdc_id" uuid NOT NULL,
	"pair_key" text NOT NULL,
	"months" text[] NOT NULL,
	"status" text NOT NULL,
	"responsible_coordinator_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "two_attending_status" CHECK ("two_attending_situations"."status" in ('detected','coordinated','ended'))
);
--> statement-breakpoint
ALTER TABLE "two_attending_situations" ADD CONSTRAINT "two_attending_situations_first_pdc_id_product_delivery_cases_id_fk" FOREIGN KEY ("first_pdc_id") REFERENCES "public"."product_delivery_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_attending_situations" ADD CONSTRAINT "two_attending_situations_second_pdc_id_product_delivery_cases_id_fk" FOREIGN KEY ("second_pdc_id") REFERENCES "public"."product_delivery_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_attending_situations" ADD CONSTRAINT "two_attending_situations_responsible_coordinator_id_users_id_fk" FOREIGN KEY ("responsible_coordinator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_attending_situations" ADD CONSTRAINT "two_attending_situations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "two_attending_one_live_per_pair" ON "two_attending_situations" USING btree ("pair_key") WHERE "two_attending_situations"."status" in ('detected','coordinated');