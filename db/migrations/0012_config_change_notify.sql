-- Decisions' other in-memory state hears changes on the same channel as the visitor cache
-- (migration 0011): {"w": workspace, "config": [workspace]} when a slot, an experience or an
-- experience version changes (the workspace's compiled config is reloaded), and {"keys": true}
-- when an API key is created, revoked or deleted, or a workspace's allowed origins change (the
-- OFREP client-key cache, which holds the workspace with its origins, is emptied). Without these,
-- other processes picked such changes up within 5 s (config) or 60 s (keys).
CREATE OR REPLACE FUNCTION tailor_notify_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tailor_visitors', '{"keys":true}');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER slots_notify_ins AFTER INSERT ON slots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('workspace_id', 'config');
--> statement-breakpoint
CREATE TRIGGER slots_notify_upd AFTER UPDATE ON slots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('workspace_id', 'config');
--> statement-breakpoint
CREATE TRIGGER slots_notify_del AFTER DELETE ON slots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('workspace_id', 'config');
--> statement-breakpoint
CREATE TRIGGER experiences_notify_ins AFTER INSERT ON experiences REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('workspace_id', 'config');
--> statement-breakpoint
CREATE TRIGGER experiences_notify_upd AFTER UPDATE ON experiences REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('workspace_id', 'config');
--> statement-breakpoint
CREATE TRIGGER experiences_notify_del AFTER DELETE ON experiences REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('workspace_id', 'config');
--> statement-breakpoint
CREATE TRIGGER experience_versions_notify_ins AFTER INSERT ON experience_versions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('workspace_id', 'config');
--> statement-breakpoint
CREATE TRIGGER experience_versions_notify_upd AFTER UPDATE ON experience_versions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('workspace_id', 'config');
--> statement-breakpoint
CREATE TRIGGER api_keys_notify AFTER INSERT OR DELETE OR UPDATE OF revoked_at, kind ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_keys();
--> statement-breakpoint
CREATE TRIGGER workspaces_notify_origins AFTER UPDATE OF allowed_origins ON workspaces FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_keys();
