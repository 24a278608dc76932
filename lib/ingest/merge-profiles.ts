import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/record-audit";

async function count(db: Database, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`with moved as (${query} returning 1) select count(*)::int as n from moved`);
  return Number(row?.n ?? 0);
}

/**
 * Folds profile `from` into `into` inside the caller's transaction (both rows already locked):
 * identities, events and rollups move (rollups of the same day add up), traits/context/consent
 * are combined with the more recently seen profile winning per key, and `from` is deleted.
 * The audit entry names only profile ids and counts, never traits or ids a person typed.
 */
export async function mergeProfiles(db: Database, workspaceId: string, from: string, into: string): Promise<void> {
  const ws = sql`${workspaceId}::uuid`;
  const identities = await count(db, sql`update identities set profile_id = ${into}::uuid where workspace_id = ${ws} and profile_id = ${from}::uuid`);
  const events = await count(db, sql`update events set profile_id = ${into}::uuid where workspace_id = ${ws} and profile_id = ${from}::uuid`);
  await db.execute(sql`
    with moved as (
      delete from event_rollups where workspace_id = ${ws} and profile_id = ${from}::uuid
      returning event, dim_key, dim_value, day, count, revenue)
    insert into event_rollups (workspace_id, profile_id, event, dim_key, dim_value, day, count, revenue)
    select ${ws}, ${into}::uuid, event, dim_key, dim_value, day, count, revenue from moved
    on conflict (workspace_id, profile_id, event, dim_key, dim_value, day)
    do update set count = event_rollups.count + excluded.count, revenue = event_rollups.revenue + excluded.revenue`);
  // The survivor always has the userId (see planIdentities), so user_id is left as it is.
  await db.execute(sql`
    update profiles i set
      traits = case when f.last_seen_at > i.last_seen_at then i.traits || f.traits else f.traits || i.traits end,
      context = case when f.last_seen_at > i.last_seen_at then i.context || f.context else f.context || i.context end,
      consent = case when f.last_seen_at > i.last_seen_at then i.consent || f.consent else f.consent || i.consent end,
      anonymous_ids = i.anonymous_ids || array(select a from unnest(f.anonymous_ids) a where a <> all(i.anonymous_ids)),
      first_seen_at = least(i.first_seen_at, f.first_seen_at),
      last_seen_at = greatest(i.last_seen_at, f.last_seen_at),
      updated_at = now()
    from profiles f
    where i.workspace_id = ${ws} and i.id = ${into}::uuid and f.workspace_id = ${ws} and f.id = ${from}::uuid`);
  await db.execute(sql`delete from profiles where workspace_id = ${ws} and id = ${from}::uuid`);
  await recordAudit(db, {
    workspaceId,
    actor: SYSTEM_ACTOR,
    action: "profile.merged",
    entityType: "profile",
    entityId: into,
    before: { profileId: from },
    after: { profileId: into, movedEvents: events, movedIdentities: identities },
  });
}
