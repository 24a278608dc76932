/**
 * Facts for many profiles in two queries: the profile rows, and only the events the rules read —
 * by name and no older than the longest window needs.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { Facts } from "@/lib/rules/evaluate";
import type { CachedEvents, EventNeeds, FactsCache } from "./facts-cache";

const jsonParam = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** A profile as read for evaluation: timestamps as epoch milliseconds. */
export interface ProfileRow {
  id: string;
  user_id: string | null;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  first_seen_ms: number;
  last_seen_ms: number;
}

interface EventRow {
  profile_id: string;
  id: number;
  event: string;
  properties: Record<string, unknown>;
  ts_ms: number;
}

/**
 * Facts (without segment membership) of the given profiles that exist; missing ones are absent
 * from the map. With a cache, profiles read before are brought up to date by reading only their
 * events with larger ids (see facts-cache.ts); the others are read in full and kept.
 */
export async function loadFacts(
  db: Database,
  params: { workspaceId: string; profileIds: string[]; eventNeeds: EventNeeds; cache?: FactsCache | null },
): Promise<Map<string, Facts>> {
  const { workspaceId, profileIds, eventNeeds, cache } = params;
  const ids = jsonParam(profileIds);
  const profileRows = await queryRows<ProfileRow & { events_epoch: number }>(
    db,
    sql`select p.id, p.user_id, p.traits, p.context, p.events_epoch::float8 as events_epoch,
               (extract(epoch from p.first_seen_at) * 1000)::float8 as first_seen_ms,
               (extract(epoch from p.last_seen_at) * 1000)::float8 as last_seen_ms
        from profiles p
        where p.workspace_id = ${workspaceId}::uuid and p.id in (select value::uuid from jsonb_array_elements_text(${ids}))`,
  );
  const cached = cache?.open(workspaceId, eventNeeds) ?? null;
  const facts = new Map<string, Facts>();
  const entries = new Map<string, CachedEvents>();
  const full: string[] = [];
  const newer: { id: string; after: number }[] = [];
  for (const r of profileRows) {
    const epoch = Number(r.events_epoch);
    const known = cached?.profiles.get(r.id);
    const entry = known && known.epoch === epoch ? known : { epoch, watermark: 0, events: [] };
    if (entry === known) newer.push({ id: r.id, after: entry.watermark });
    else full.push(r.id);
    entries.set(r.id, entry);
    facts.set(r.id, {
      profile: { userId: r.user_id, traits: r.traits, context: r.context, firstSeenAt: new Date(Number(r.first_seen_ms)), lastSeenAt: new Date(Number(r.last_seen_ms)) },
      events: entry.events,
    });
  }
  if (cached) {
    for (const id of profileIds) if (!entries.has(id)) cache!.forget(cached, id);
  }
  if (profileRows.length === 0 || eventNeeds.size === 0) return facts;

  const windows = jsonParam([...eventNeeds].map(([name, from]) => ({ name, from: from === null ? null : new Date(from).toISOString() })));
  const ws = sql`${workspaceId}::uuid`;
  const columns = sql`e.profile_id, e.id::float8 as id, e.event, e.properties, (extract(epoch from e."timestamp") * 1000)::float8 as ts_ms`;
  const window = sql`(w."from" is null or e."timestamp" >= w."from")`;
  const parts: SQL[] = [];
  // Events after `now` are read too (evaluate ignores them until their time comes), so that a
  // kept profile never misses one that is older than its watermark.
  if (full.length) {
    parts.push(sql`select ${columns}
        from jsonb_to_recordset(${windows}) as w(name text, "from" timestamptz)
        join events e on e.workspace_id = ${ws}
          and e.profile_id in (select value::uuid from jsonb_array_elements_text(${jsonParam(full)}))
          and e.event = w.name and ${window}`);
  }
  if (newer.length) {
    parts.push(sql`select ${columns}
        from jsonb_to_recordset(${jsonParam(newer)}) as q(id uuid, after bigint)
        join events e on e.workspace_id = ${ws} and e.profile_id = q.id and e.id > q.after
        join jsonb_to_recordset(${windows}) as w(name text, "from" timestamptz) on e.event = w.name and ${window}`);
  }
  const eventRows = await queryRows<EventRow>(db, sql.join(parts, sql` union all `));
  for (const e of eventRows) {
    const entry = entries.get(e.profile_id);
    if (!entry) continue;
    entry.events.push({ event: e.event, properties: e.properties, timestamp: new Date(Number(e.ts_ms)) });
    entry.watermark = Math.max(entry.watermark, Number(e.id));
  }
  if (cache && cached) for (const [id, entry] of entries) cache.put(cached, id, entry);
  return facts;
}
