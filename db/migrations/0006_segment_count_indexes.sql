DROP INDEX "event_rollups_lookup_idx";--> statement-breakpoint
DROP INDEX "events_event_time_idx";--> statement-breakpoint
CREATE INDEX "event_rollups_lookup_idx" ON "event_rollups" USING btree ("workspace_id","event","dim_key","dim_value","day","profile_id","count");--> statement-breakpoint
CREATE INDEX "events_event_time_idx" ON "events" USING btree ("workspace_id","event","timestamp","profile_id");