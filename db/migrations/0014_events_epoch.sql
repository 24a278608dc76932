-- profiles.events_epoch says when a profile's stored events were last rewritten rather than
-- appended to, so the real-time membership can keep each profile's events in memory and read only
-- newer event ids after each batch (lib/membership/facts-cache.ts). Every new profile row takes a
-- new value; so does every profile whose events are moved (merges), deleted or truncated.
CREATE SEQUENCE IF NOT EXISTS profiles_events_epoch_seq;
--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "events_epoch" bigint DEFAULT nextval('profiles_events_epoch_seq') NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tailor_events_rewritten() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE profiles SET events_epoch = nextval('profiles_events_epoch_seq');
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE profiles p SET events_epoch = nextval('profiles_events_epoch_seq')
    FROM (SELECT DISTINCT workspace_id, profile_id FROM old_rows) o
    WHERE p.workspace_id = o.workspace_id AND p.id = o.profile_id;
  ELSE
    UPDATE profiles p SET events_epoch = nextval('profiles_events_epoch_seq')
    FROM (SELECT workspace_id, profile_id FROM old_rows UNION SELECT workspace_id, profile_id FROM new_rows) o
    WHERE p.workspace_id = o.workspace_id AND p.id = o.profile_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_epoch_upd AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_events_rewritten();
--> statement-breakpoint
CREATE TRIGGER events_epoch_del AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_events_rewritten();
--> statement-breakpoint
CREATE TRIGGER events_epoch_trunc AFTER TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_events_rewritten();
