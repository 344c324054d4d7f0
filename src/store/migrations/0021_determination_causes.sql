-- Issue 16 (docs/policy/payments.md "Lineage"): the evidence versions whose change a determination
-- version follows (applied, approved or rejected), so that a debt raised by that version leads to
-- the evidence version that caused it. Written with the determination, in the same transaction.
CREATE TABLE "determination_evidence_versions" (
  "determination_id" uuid NOT NULL REFERENCES "determinations"("id"),
  "evidence_version_id" uuid NOT NULL REFERENCES "evidence_versions"("id"),
  CONSTRAINT "determination_evidence_versions_pk" PRIMARY KEY ("determination_id", "evidence_version_id")
);--> statement-breakpoint
CREATE INDEX "determination_evidence_versions_version_idx" ON "determination_evidence_versions" ("evidence_version_id");
