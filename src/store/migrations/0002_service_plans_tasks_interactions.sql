CREATE TABLE "interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"channel" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interactions_channel" CHECK ("interactions"."channel" in ('in-person','phone','email','video','letter'))
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"sub_goal_id" uuid NOT NULL,
	"type" text NOT NULL,
	"custom_name" text,
	"description" text DEFAULT '' NOT NULL,
	"owner_id" uuid NOT NULL,
	"added_by" uuid NOT NULL,
	"expected_start" date NOT NULL,
	"expected_end" date NOT NULL,
	"actual_start" date,
	"actual_end" date,
	"outcome" text,
	"good_cause_reason" text,
	"completed_seq" bigint,
	"completed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_items_outcome" CHECK ("plan_items"."outcome" is null or "plan_items"."outcome" in ('attained','not-attained','cancelled')),
	CONSTRAINT "plan_items_expected_dates" CHECK ("plan_items"."expected_end" >= "plan_items"."expected_start")
);
--> statement-breakpoint
CREATE TABLE "product_delivery_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"program" text NOT NULL,
	"status" text NOT NULL,
	"plan_item_id" uuid,
	"coordinator_id" uuid,
	"training_start" date,
	"training_end" date,
	"training_load" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "product_delivery_cases_reference_unique" UNIQUE("reference"),
	CONSTRAINT "pdc_status" CHECK ("product_delivery_cases"."status" in ('open','active','closed'))
);
--> statement-breakpoint
CREATE TABLE "service_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"assessment_id" uuid,
	"status" text NOT NULL,
	"primary_need" text NOT NULL,
	"goal" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_on" date NOT NULL,
	"accepted_on" date,
	"acceptance_method" text,
	"acceptance_recorded_by" uuid,
	"closed_on" date,
	"closure_reason" text,
	"closure_note" text,
	"closed_by" uuid,
	"exited_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_plans_reference_unique" UNIQUE("reference"),
	CONSTRAINT "service_plans_status" CHECK ("service_plans"."status" in ('open','active','closed','exited'))
);
--> statement-breakpoint
CREATE TABLE "sub_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"type" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"assignee_id" uuid,
	"assignee_role" text,
	"person_id" uuid,
	"record_type" text,
	"record_id" text,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tasks_status" CHECK ("tasks"."status" in ('open','completed','cancelled')),
	CONSTRAINT "tasks_has_assignee" CHECK ("tasks"."assignee_id" is not null or "tasks"."assignee_role" is not null)
);
--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_service_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."service_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_sub_goal_id_sub_goals_id_fk" FOREIGN KEY ("sub_goal_id") REFERENCES "public"."sub_goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_delivery_cases" ADD CONSTRAINT "product_delivery_cases_case_id_integrated_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."integrated_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_delivery_cases" ADD CONSTRAINT "product_delivery_cases_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_delivery_cases" ADD CONSTRAINT "product_delivery_cases_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_delivery_cases" ADD CONSTRAINT "product_delivery_cases_coordinator_id_users_id_fk" FOREIGN KEY ("coordinator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_case_id_integrated_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."integrated_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_acceptance_recorded_by_users_id_fk" FOREIGN KEY ("acceptance_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_goals" ADD CONSTRAINT "sub_goals_plan_id_service_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."service_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_goals" ADD CONSTRAINT "sub_goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interactions_person_idx" ON "interactions" USING btree ("person_id","occurred_on");--> statement-breakpoint
CREATE INDEX "plan_items_plan_idx" ON "plan_items" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_items_owner_idx" ON "plan_items" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "pdc_person_idx" ON "product_delivery_cases" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pdc_one_per_plan_item" ON "product_delivery_cases" USING btree ("plan_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_plans_one_current_per_person" ON "service_plans" USING btree ("person_id") WHERE "service_plans"."status" in ('open','active');--> statement-breakpoint
CREATE INDEX "service_plans_case_idx" ON "service_plans" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sub_goals_once_per_plan" ON "sub_goals" USING btree ("plan_id","type");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_one_open_per_key" ON "tasks" USING btree ("dedupe_key") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "tasks_role_idx" ON "tasks" USING btree ("assignee_role","status");