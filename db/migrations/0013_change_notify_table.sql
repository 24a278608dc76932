-- Change notifications (migration 0011) now name the table they come from, as "t", so a listener
-- that reads only some tables ignores the rest: the audience index (lib/segments/audience-index)
-- re-reads a profile only when its profile row or events change, not when a segment membership
-- or an impression does. "Forget everything" is now sent when a statement touches over 5,000
-- distinct values (profiles, identities), not rows: an ingestion batch of many events about a
-- few profiles names those profiles.
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
  EXECUTE format('SELECT count(*) FROM (SELECT DISTINCT workspace_id, v FROM (%s) s LIMIT 5001) l', rows_sql) INTO total;
  IF total > 5000 THEN
    PERFORM pg_notify('tailor_visitors', json_build_object('all', true, 't', TG_TABLE_NAME)::text);
    RETURN NULL;
  END IF;
  FOR r IN EXECUTE format('SELECT workspace_id::text AS w, array_agg(DISTINCT v) AS vs FROM (%s) s WHERE v IS NOT NULL GROUP BY workspace_id', rows_sql) LOOP
    i := 1;
    WHILE i <= cardinality(r.vs) LOOP
      IF kind = 'i' THEN
        payload := json_build_object('w', r.w, kind, r.vs[i:i + 99], 'o', current_setting('application_name'), 't', TG_TABLE_NAME)::text;
      ELSE
        payload := json_build_object('w', r.w, kind, r.vs[i:i + 99], 't', TG_TABLE_NAME)::text;
      END IF;
      IF octet_length(payload) > 7900 THEN
        -- Very long identity values: too big for one notification, so forget the workspace.
        PERFORM pg_notify('tailor_visitors', json_build_object('w', r.w, 'all', true, 't', TG_TABLE_NAME)::text);
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
  PERFORM pg_notify('tailor_visitors', json_build_object('all', true, 't', TG_TABLE_NAME)::text);
  RETURN NULL;
END $$;
