-- Decisions keep visitors' facts in memory (lib/personalization/visitor-cache.ts). Every change to
-- what a decision reads about a visitor tells every server process, on commit, over NOTIFY on
-- channel tailor_visitors: JSON {"w": workspace, "p": [profile ids]} for profiles, events and
-- segment memberships; {"w", "k": [identity values]} for identities (a targeting key that now
-- names another profile, or a profile at all); {"w", "i": [targeting keys], "o": application_name}
-- for impressions (frequency caps; a process ignores its own); {"all": true} when a segment's key
-- changes or a segment is deleted (decisions read members by key), for a statement touching over
-- 5,000 rows, and for a truncate. One statement-level trigger per table and operation, so
-- ingestion pays once per statement, not per row.
CREATE OR REPLACE FUNCTION tailor_notify_visitors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
  kind text := TG_ARGV[1];
  rows_sql text;
  total int;
  r record;
  i int;
  payload text;
BEGIN
  rows_sql := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT workspace_id, %I::text AS v FROM new_rows', col)
    WHEN 'DELETE' THEN format('SELECT workspace_id, %I::text AS v FROM old_rows', col)
    ELSE format('SELECT workspace_id, %1$I::text AS v FROM new_rows UNION ALL SELECT workspace_id, %1$I::text FROM old_rows', col)
  END;
  EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM (%s) s LIMIT 5001) l', rows_sql) INTO total;
  IF total > 5000 THEN
    PERFORM pg_notify('tailor_visitors', '{"all":true}');
    RETURN NULL;
  END IF;
  FOR r IN EXECUTE format('SELECT workspace_id::text AS w, array_agg(DISTINCT v) AS vs FROM (%s) s WHERE v IS NOT NULL GROUP BY workspace_id', rows_sql) LOOP
    i := 1;
    WHILE i <= cardinality(r.vs) LOOP
      IF kind = 'i' THEN
        payload := json_build_object('w', r.w, kind, r.vs[i:i + 99], 'o', current_setting('application_name'))::text;
      ELSE
        payload := json_build_object('w', r.w, kind, r.vs[i:i + 99])::text;
      END IF;
      IF octet_length(payload) > 7900 THEN
        -- Very long identity values: too big for one notification, so forget the workspace.
        PERFORM pg_notify('tailor_visitors', json_build_object('w', r.w, 'all', true)::text);
        EXIT;
      END IF;
      PERFORM pg_notify('tailor_visitors', payload);
      i := i + 100;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tailor_notify_visitors_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tailor_visitors', '{"all":true}');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER profiles_notify_ins AFTER INSERT ON profiles REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('id', 'p');
--> statement-breakpoint
CREATE TRIGGER profiles_notify_upd AFTER UPDATE ON profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('id', 'p');
--> statement-breakpoint
CREATE TRIGGER profiles_notify_del AFTER DELETE ON profiles REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('id', 'p');
--> statement-breakpoint
CREATE TRIGGER profiles_notify_trunc AFTER TRUNCATE ON profiles FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors_all();
--> statement-breakpoint
CREATE TRIGGER identities_notify_ins AFTER INSERT ON identities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('value', 'k');
--> statement-breakpoint
CREATE TRIGGER identities_notify_upd AFTER UPDATE ON identities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('value', 'k');
--> statement-breakpoint
CREATE TRIGGER identities_notify_del AFTER DELETE ON identities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('value', 'k');
--> statement-breakpoint
CREATE TRIGGER identities_notify_trunc AFTER TRUNCATE ON identities FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors_all();
--> statement-breakpoint
CREATE TRIGGER events_notify_ins AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('profile_id', 'p');
--> statement-breakpoint
CREATE TRIGGER events_notify_upd AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('profile_id', 'p');
--> statement-breakpoint
CREATE TRIGGER events_notify_del AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('profile_id', 'p');
--> statement-breakpoint
CREATE TRIGGER events_notify_trunc AFTER TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors_all();
--> statement-breakpoint
CREATE TRIGGER segment_members_notify_ins AFTER INSERT ON segment_members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('profile_id', 'p');
--> statement-breakpoint
CREATE TRIGGER segment_members_notify_upd AFTER UPDATE ON segment_members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('profile_id', 'p');
--> statement-breakpoint
CREATE TRIGGER segment_members_notify_del AFTER DELETE ON segment_members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('profile_id', 'p');
--> statement-breakpoint
CREATE TRIGGER segment_members_notify_trunc AFTER TRUNCATE ON segment_members FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors_all();
--> statement-breakpoint
CREATE TRIGGER segments_notify_upd AFTER UPDATE OF key ON segments FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors_all();
--> statement-breakpoint
CREATE TRIGGER segments_notify_del AFTER DELETE ON segments FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors_all();
--> statement-breakpoint
CREATE TRIGGER impressions_notify_ins AFTER INSERT ON impressions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors('targeting_key', 'i');
--> statement-breakpoint
CREATE TRIGGER impressions_notify_trunc AFTER TRUNCATE ON impressions FOR EACH STATEMENT EXECUTE FUNCTION tailor_notify_visitors_all();
