-- Issue 6: the seller's reported charge per job, and finding jobs whose input images are still kept.

ALTER TABLE jobs ADD COLUMN cost TEXT;       -- JSON {amount, unit} (Kling's final_unit_deduction), set at success

-- Inputs stay in R2 until their job ends (has_input counts them); the cron sweep deletes those of ended jobs.
CREATE INDEX jobs_with_inputs ON jobs (updated_at) WHERE has_input > 0;
