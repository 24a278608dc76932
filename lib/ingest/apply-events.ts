/**
 * Event statements of one ingestion transaction: insert the events, then update existing
 * profiles and upsert rollups from the events that were really inserted.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { ProfilePatch } from "./profile-patches";
import type { RollupRow } from "./rollup-rows";
import { jsonRows } from "./statements";
import type { Json } from "./types";

/** One events row as bound into the insert. */
export interface EventInsert {
  profile_id: string;
  message_id: string;
  type: string;
  event: string;
  properties: Json;
  context: Json;
  ts: string;
  /** When the request carrying it arrived (ISO). */
  received_at: string;
}

const sortBy = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

function insertEventsSql(workspaceId: string, events: EventInsert[]): SQL {
  // Sorted by messageId: two batches retrying the same messages wait on each other in one order.
  return sql`insert into events (workspace_id, profile_id, message_id, type, event, properties, context, "timestamp", received_at)
    select ${workspaceId}::uuid, r.profile_id, r.message_id, r.type, r.event, r.properties, r.context, r.ts, r.received_at
    from jsonb_to_recordset(${jsonRows(sortBy(events, (e) => e.message_id))})
      as r(profile_id uuid, message_id text, type text, event text, properties jsonb, context jsonb, ts timestamptz, received_at timestamptz)
    on conflict (workspace_id, message_id) do nothing
    returning message_id`;
}

/** Applies trait, context, consent and seen-time patches (see ProfilePatch for precedence). */
function updateProfilesSql(workspaceId: string, patches: ProfilePatch[], guard: SQL = sql`true`): SQL {
  return sql`update profiles p set
      traits = (v.traits_fill || p.traits || v.traits_set) - v.traits_unset,
      context = v.context_fill || p.context || v.context_set,
      consent = v.consent_fill || p.consent || v.consent_set,
      anonymous_ids = p.anonymous_ids || array(select a from unnest(v.anonymous_ids) a where a <> all(p.anonymous_ids)),
      first_seen_at = least(p.first_seen_at, v.first_seen),
      last_seen_at = greatest(p.last_seen_at, v.last_seen),
      updated_at = now()
    from jsonb_to_recordset(${jsonRows(sortBy(patches, (p) => p.id))}) as v(
      id uuid, traits_fill jsonb, traits_set jsonb, traits_unset text[], context_fill jsonb, context_set jsonb,
      consent_fill jsonb, consent_set jsonb, anonymous_ids text[], first_seen timestamptz, last_seen timestamptz)
    where p.workspace_id = ${workspaceId}::uuid and p.id = v.id and ${guard}`;
}

/** Adds counts and revenue to the daily rollups (rows pre-aggregated: one per key). */
function upsertRollupsSql(workspaceId: string, rollups: RollupRow[], guard: SQL = sql`true`): SQL {
  return sql`insert into event_rollups (workspace_id, profile_id, event, dim_key, dim_value, day, count, revenue)
    select ${workspaceId}::uuid, r.profile_id, r.event, r.dim_key, r.dim_value, r.day, r.count, r.revenue
    from jsonb_to_recordset(${jsonRows(rollups)})
      as r(profile_id uuid, event text, dim_key text, dim_value text, day timestamptz, count int, revenue float8)
    where ${guard}
    on conflict (workspace_id, profile_id, event, dim_key, dim_value, day)
    do update set count = event_rollups.count + excluded.count, revenue = event_rollups.revenue + excluded.revenue`;
}

/**
 * Inserts the events and, in the same statement, applies the profile patches and rollups computed
 * for the whole batch — guarded so they take effect only if no event was a duplicate. That is
 * the common case and costs one round trip; `applied: false` means the caller must recompute
 * from the returned messageIds and call `applyProfileUpdates`.
 */
export async function insertEventsAndApply(
  db: Database,
  workspaceId: string,
  input: { events: EventInsert[]; patches: ProfilePatch[]; rollups: RollupRow[] },
): Promise<{ inserted: Set<string>; applied: boolean }> {
  if (!input.events.length) return { inserted: new Set(), applied: true };
  const guard = sql`(select count(*) from ins) = ${input.events.length}::int`;
  const parts = [sql`ins as (${insertEventsSql(workspaceId, input.events)})`];
  if (input.patches.length) parts.push(sql`upd as (${updateProfilesSql(workspaceId, input.patches, guard)})`);
  if (input.rollups.length) parts.push(sql`roll as (${upsertRollupsSql(workspaceId, input.rollups, guard)})`);
  const rows = await queryRows<{ message_id: string }>(db, sql`with ${sql.join(parts, sql`, `)} select message_id from ins`);
  const inserted = new Set(rows.map((r) => r.message_id));
  return { inserted, applied: inserted.size === input.events.length };
}

/** The fallback when a batch held duplicates: patches and rollups of the fresh events only. */
export async function applyProfileUpdates(db: Database, workspaceId: string, patches: ProfilePatch[], rollups: RollupRow[]) {
  if (patches.length) await db.execute(updateProfilesSql(workspaceId, patches));
  if (rollups.length) await db.execute(upsertRollupsSql(workspaceId, rollups));
}
