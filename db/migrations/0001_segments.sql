CREATE TYPE "public"."segment_status" AS ENUM('active', 'archived');--> statement-breakpoint
CREATE TABLE "event_rollups" (
	"workspace_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"event" text NOT NULL,
	"dim_key" text DEFAULT '' NOT NULL,
	"dim_value" text DEFAULT '' NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"revenue" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "event_rollups_workspace_id_profile_id_event_dim_key_dim_value_day_pk" PRIMARY KEY("workspace_id","profile_id","event","dim_key","dim_value","day")
);
--> statement-breakpoint
CREATE TABLE "segment_versions" (
	"workspace_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"tags" text[] NOT NULL,
	"rule" jsonb NOT NULL,
	"status" "segment_status" NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "segment_versions_segment_id_version_pk" PRIMARY KEY("segment_id","version")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"rule" jsonb NOT NULL,
	"status" "segment_status" DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text DEFAULT '' NOT NULL,
	"last_count" integer,
	"last_counted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_rollups_lookup_idx" ON "event_rollups" USING btree ("workspace_id","event","dim_key","dim_value","day");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_key_idx" ON "segments" USING btree ("workspace_id","key");