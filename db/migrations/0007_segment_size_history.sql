CREATE TYPE "public"."insight_job_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "insight_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "insight_job_status" DEFAULT 'queued' NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"result" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "segment_size_daily" (
	"workspace_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"day" date NOT NULL,
	"size" integer NOT NULL,
	"entries" integer NOT NULL,
	"exits" integer NOT NULL,
	"source" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segment_size_daily_workspace_id_segment_id_day_pk" PRIMARY KEY("workspace_id","segment_id","day")
);
--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "rule_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "insight_jobs" ADD CONSTRAINT "insight_jobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_size_daily" ADD CONSTRAINT "segment_size_daily_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_jobs_key_idx" ON "insight_jobs" USING btree ("workspace_id","kind","key","created_at");--> statement-breakpoint
CREATE INDEX "insight_jobs_status_idx" ON "insight_jobs" USING btree ("status","workspace_id","created_at");--> statement-breakpoint
-- Existing segments: their rule took effect at their first logged membership change (the initial reconcile), so that bulk is not counted as entries.
UPDATE "segments" s SET "rule_changed_at" = coalesce((SELECT min(c."at") FROM "segment_membership_changes" c WHERE c."workspace_id" = s."workspace_id" AND c."segment_id" = s."id"), s."updated_at");
