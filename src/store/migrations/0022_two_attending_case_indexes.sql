-- Issue 15: a case's two-attending situations are looked up by either learner's case (the case page,
-- each scan chunk's live situations, reassessment). Without these, each look-up read every live
-- situation through the pair index (about 0.4 s of a 1,000,000-person scan, and growing with the
-- province on every case page).
CREATE INDEX "two_attending_first_pdc_idx" ON "two_attending_situations" ("first_pdc_id");--> statement-breakpoint
CREATE INDEX "two_attending_second_pdc_idx" ON "two_attending_situations" ("second_pdc_id");
