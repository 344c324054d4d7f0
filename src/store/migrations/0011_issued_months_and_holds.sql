-- Issue 10 (docs/policy/issued-months.md): the day each determination was made (the app's clock),
-- the months held while two attending awaits confirmation, and each payment difference's kind
-- (overpayment or underpayment for an issued month, a change in the scheduled amount otherwise).
ALTER TABLE "determinations" ADD COLUMN "determined_on" date;--> statement-breakpoint
UPDATE "determinations" SET "determined_on" = ("created_at" AT TIME ZONE 'America/Edmonton')::date;--> statement-breakpoint
ALTER TABLE "determinations" ALTER COLUMN "determined_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "determination_months" ADD COLUMN "held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "determination_months" ADD COLUMN "hold_reason" text;--> statement-breakpoint
ALTER TABLE "payment_differences" ADD COLUMN "kind" text;--> statement-breakpoint
-- Existing differences, labelled by the same rule: a month was issued when the previous version had
-- it and its issue date (two weekdays before the 1st) was on or before the day of the determination.
UPDATE "payment_differences" p SET "kind" = CASE
  WHEN EXISTS (
    SELECT 1 FROM "determinations" prev
    JOIN "determination_months" pm ON pm."determination_id" = prev."id"
    WHERE prev."pdc_id" = d."pdc_id" AND prev."version" = d."version" - 1 AND pm."month" = p."month"
  ) AND to_date(p."month" || '-01', 'YYYY-MM-DD')
        - (CASE extract(isodow FROM to_date(p."month" || '-01', 'YYYY-MM-DD'))::int WHEN 1 THEN 4 WHEN 2 THEN 4 WHEN 7 THEN 3 ELSE 2 END)
        <= d."determined_on"
  THEN (CASE WHEN p."difference_cents" > 0 THEN 'underpayment' ELSE 'overpayment' END)
  ELSE 'scheduled-change'
END
FROM "determinations" d WHERE d."id" = p."determination_id";--> statement-breakpoint
ALTER TABLE "payment_differences" ALTER COLUMN "kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_differences" ADD CONSTRAINT "payment_differences_kind" CHECK ("payment_differences"."kind" in ('overpayment','underpayment','scheduled-change'));
