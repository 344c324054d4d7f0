-- Batch runs and their chunks are jobs on the queue now (pg-boss, schema "pgboss", src/jobs/queue.ts):
-- the hand-made chunk table and its runs go. pg-boss creates and upgrades its own schema when a server starts.
DROP TABLE IF EXISTS "job_chunks";--> statement-breakpoint
DROP TABLE IF EXISTS "job_runs";
--> statement-breakpoint
-- The per-address request limits count in the database, so that several servers share one count.
CREATE TABLE "request_counts" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_ends" timestamp with time zone NOT NULL
);
