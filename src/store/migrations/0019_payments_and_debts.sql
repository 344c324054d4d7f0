-- Issue 16 (docs/policy/payments.md): the date a learner case's application was received (E15 late
-- applications), the payments issued for each month (frozen: append-only), and the debts an
-- overpayment raises, with their repayment agreement (E06), deductions and signed adjustments.
ALTER TABLE "product_delivery_cases" ADD COLUMN "application_received_on" date;--> statement-breakpoint
CREATE TABLE "payments" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "pdc_id" uuid NOT NULL REFERENCES "product_delivery_cases"("id"),
  "month" text NOT NULL,
  "kind" text NOT NULL,
  "issue_date" date NOT NULL,
  "determination_id" uuid NOT NULL REFERENCES "determinations"("id"),
  "gross_cents" bigint NOT NULL,
  "deduction_cents" bigint DEFAULT 0 NOT NULL,
  "net_cents" bigint NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "payments_kind" CHECK ("kind" in ('issue','arrears')),
  CONSTRAINT "payments_amounts" CHECK ("gross_cents" >= 0 AND "deduction_cents" >= 0 AND "net_cents" = "gross_cents" - "deduction_cents")
);--> statement-breakpoint
-- A month is issued once per case: the issue job can run any number of times.
CREATE UNIQUE INDEX "payments_issued_once" ON "payments" ("pdc_id", "month") WHERE "kind" = 'issue';--> statement-breakpoint
CREATE INDEX "payments_issue_date_idx" ON "payments" ("issue_date");--> statement-breakpoint
CREATE TRIGGER payments_no_update_or_delete
  BEFORE UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();--> statement-breakpoint
CREATE TABLE "debts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "pdc_id" uuid NOT NULL REFERENCES "product_delivery_cases"("id"),
  "month" text NOT NULL,
  "amount_cents" bigint NOT NULL,
  "determination_id" uuid NOT NULL REFERENCES "determinations"("id"),
  "raised_on" date NOT NULL,
  "agreement_received_on" date,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  CONSTRAINT "debts_amount" CHECK ("amount_cents" > 0)
);--> statement-breakpoint
CREATE INDEX "debts_pdc_idx" ON "debts" ("pdc_id", "month");--> statement-breakpoint
CREATE TABLE "debt_recoveries" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "debt_id" uuid NOT NULL REFERENCES "debts"("id"),
  "payment_id" uuid NOT NULL REFERENCES "payments"("id"),
  "amount_cents" bigint NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "debt_recoveries_amount" CHECK ("amount_cents" > 0)
);--> statement-breakpoint
CREATE INDEX "debt_recoveries_debt_idx" ON "debt_recoveries" ("debt_id");--> statement-breakpoint
CREATE TRIGGER debt_recoveries_no_update_or_delete
  BEFORE UPDATE OR DELETE ON debt_recoveries
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();--> statement-breakpoint
CREATE TABLE "debt_adjustments" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "debt_id" uuid NOT NULL REFERENCES "debts"("id"),
  "amount_cents" bigint NOT NULL,
  "reason" text NOT NULL,
  "reverses_id" uuid UNIQUE REFERENCES "debt_adjustments"("id"),
  "created_by" uuid REFERENCES "users"("id"),
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "debt_adjustments_amount" CHECK ("amount_cents" <> 0)
);--> statement-breakpoint
CREATE INDEX "debt_adjustments_debt_idx" ON "debt_adjustments" ("debt_id");--> statement-breakpoint
CREATE TRIGGER debt_adjustments_no_update_or_delete
  BEFORE UPDATE OR DELETE ON debt_adjustments
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
