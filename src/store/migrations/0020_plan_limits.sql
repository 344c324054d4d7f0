-- ISTHB s.44 plan limits (issue 16; docs/policy/learner-program-rules.md): the course load of a training
-- item (percent of a full load; null is a full load) and the plan-length exception kind.
ALTER TABLE "plan_items" ADD COLUMN "course_load_percent" integer;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_course_load" CHECK ("course_load_percent" is null or "course_load_percent" between 1 and 100);--> statement-breakpoint
ALTER TABLE "training_exceptions" DROP CONSTRAINT "training_exceptions_kind";--> statement-breakpoint
ALTER TABLE "training_exceptions" ADD CONSTRAINT "training_exceptions_kind" CHECK ("kind" in ('subsequent-training','duration-cap','plan-limit'));
