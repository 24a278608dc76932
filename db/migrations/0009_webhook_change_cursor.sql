ALTER TABLE "segment_membership_changes" ADD COLUMN "tx" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "last_change_tx" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "segment_membership_changes_tx_idx" ON "segment_membership_changes" USING btree ("workspace_id","tx","id");--> statement-breakpoint
-- Every change recorded so far got this migration's transaction id: existing cursors keep their place.
UPDATE "webhooks" SET "last_change_tx" = coalesce((SELECT max("tx") FROM "segment_membership_changes"), 0);
