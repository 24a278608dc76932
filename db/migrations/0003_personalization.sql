CREATE TYPE "public"."experience_status" AS ENUM('draft', 'live', 'paused');--> statement-breakpoint
CREATE TYPE "public"."slot_channel" AS ENUM('web', 'email');--> statement-breakpoint
CREATE TABLE "conversions" (
	"workspace_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"experience_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"holdout" boolean DEFAULT false NOT NULL,
	"profile_id" uuid,
	"targeting_key" text NOT NULL,
	"event" text NOT NULL,
	"message_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "experience_versions" (
	"workspace_id" uuid NOT NULL,
	"experience_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experience_versions_experience_id_version_pk" PRIMARY KEY("experience_id","version")
);
--> statement-breakpoint
CREATE TABLE "experiences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"slot_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" "experience_status" DEFAULT 'draft' NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"schedule_start" timestamp with time zone,
	"schedule_end" timestamp with time zone,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"holdout_percent" integer DEFAULT 0 NOT NULL,
	"frequency_cap" jsonb,
	"suppression" jsonb,
	"goal_event" text,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"variants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"default_variant" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impressions" (
	"workspace_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"experience_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"profile_id" uuid,
	"targeting_key" text NOT NULL,
	"holdout" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "impressions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"channel" "slot_channel" DEFAULT 'web' NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "experience_versions" ADD CONSTRAINT "experience_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_versions" ADD CONSTRAINT "experience_versions_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_message_idx" ON "conversions" USING btree ("workspace_id","experience_id","message_id");--> statement-breakpoint
CREATE INDEX "conversions_experience_idx" ON "conversions" USING btree ("workspace_id","experience_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "experiences_key_idx" ON "experiences" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "experiences_slot_idx" ON "experiences" USING btree ("workspace_id","slot_id");--> statement-breakpoint
CREATE INDEX "impressions_key_idx" ON "impressions" USING btree ("workspace_id","targeting_key","experience_id","at");--> statement-breakpoint
CREATE INDEX "impressions_profile_idx" ON "impressions" USING btree ("workspace_id","profile_id","experience_id","at");--> statement-breakpoint
CREATE INDEX "impressions_experience_idx" ON "impressions" USING btree ("workspace_id","experience_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_key_idx" ON "slots" USING btree ("workspace_id","key");