CREATE TABLE "segment_members" (
	"workspace_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "segment_members_workspace_id_profile_id_segment_id_pk" PRIMARY KEY("workspace_id","profile_id","segment_id")
);
--> statement-breakpoint
CREATE TABLE "segment_membership_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "members_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "evaluated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "evaluation_error" text;--> statement-breakpoint
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_membership_changes" ADD CONSTRAINT "segment_membership_changes_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segment_members_segment_idx" ON "segment_members" USING btree ("workspace_id","segment_id");--> statement-breakpoint
CREATE INDEX "segment_membership_changes_segment_at_idx" ON "segment_membership_changes" USING btree ("workspace_id","segment_id","at");