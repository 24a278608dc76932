DROP INDEX "events_time_idx";--> statement-breakpoint
CREATE INDEX "events_time_brin_idx" ON "events" USING brin ("timestamp");