import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

/** Changes read per webhook per run. */
const BATCH = 1000;

/**
 * The transaction-id horizon: every transaction with a smaller id has finished (committed or
 * rolled back), so the changes written below it are final. Changes of transactions still running
 * (or started since) lie at or above it.
 */
export const FINISHED_BELOW = sql`(pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/**
 * Turns new rows of `segment_membership_changes` (past each webhook's cursor) into queued
 * deliveries, one statement per webhook. Each webhook row is locked with SKIP LOCKED, so several
 * server processes never queue the same change twice; the unique (webhook, change) index makes it
 * certain. The body is fixed now (profile ids as they are at this moment), so retries send the same bytes.
 *
 * The cursor is (writing transaction, id), and only changes of finished transactions are read: a
 * change id is drawn when the row is inserted, not when it commits, so a cursor on ids alone would
 * pass a change that commits after a later one and never deliver it. A transaction that stays open
 * delays the changes written after it began; it cannot make the cursor skip any.
 */
export async function enqueueDeliveries(db: Database, now: Date = new Date()): Promise<number> {
  const hooks = await queryRows<{ id: string }>(db, sql`select id from webhooks where active order by id`);
  let queued = 0;
  for (const hook of hooks) {
    queued += await db.transaction(async (tx) => {
      const rows = await queryRows<{ queued: number }>(
        tx as unknown as Database,
        sql`with hook as (
              select id, workspace_id, segment_ids, events, last_change_tx, last_change_id from webhooks where id = ${hook.id}::uuid and active for update skip locked),
            changes as (
              select c.* from segment_membership_changes c, hook h
              where c.workspace_id = h.workspace_id and (c.tx, c.id) > (h.last_change_tx, h.last_change_id) and c.tx < ${FINISHED_BELOW}
              order by c.tx, c.id limit ${BATCH}),
            ins as (
              insert into webhook_deliveries (workspace_id, webhook_id, change_id, type, body, next_attempt_at)
              select h.workspace_id, h.id, c.id,
                case c.kind when 'enter' then 'segment.entered' else 'segment.exited' end,
                json_build_object(
                  'type', case c.kind when 'enter' then 'segment.entered' else 'segment.exited' end,
                  'segment', json_build_object('key', s.key, 'name', s.name),
                  'profile', json_build_object('id', c.profile_id, 'userId', p.user_id, 'anonymousIds', coalesce(to_json(p.anonymous_ids), '[]'::json)),
                  'at', to_char(c.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text,
                ${now.toISOString()}::timestamptz
              from changes c
              cross join hook h
              join segments s on s.id = c.segment_id
              left join profiles p on p.workspace_id = c.workspace_id and p.id = c.profile_id
              where c.kind = any(h.events) and (h.segment_ids is null or c.segment_id = any(h.segment_ids))
              order by c.id
              on conflict do nothing
              returning 1),
            moved as (
              update webhooks w set (last_change_tx, last_change_id) = (select c.tx, c.id from changes c order by c.tx desc, c.id desc limit 1)
              from hook h where w.id = h.id and exists (select 1 from changes)
              returning 1)
            select (select count(*) from ins)::int as queued, (select count(*) from moved)::int as moved`,
      );
      return Number(rows[0]?.queued ?? 0);
    });
  }
  return queued;
}
