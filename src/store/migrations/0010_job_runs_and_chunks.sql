CREATE TABLE "job_chunks" (
	"run_id" uuid NOT NULL,
	"chunk_no" integer NOT NULL,
	"keys" text[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"worker" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "job_runs_status" CHECK ("job_runs"."status" in ('running','done'))
);
--> statement-breakpoint
ALTER TABLE "job_chunks" ADD CONSTRAINT "job_chunks_run_id_job_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."job_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_chunks_pk" ON "job_chunks" USING btree ("run_id","chunk_no");--> statement-breakpoint
CREATE INDEX "job_chunks_pending" ON "job_chunks" USING btree ("run_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_one_running" ON "job_runs" USING btree ("job") WHERE "job_runs"."status" = 'running';