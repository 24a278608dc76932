/**
 * Facts for many profiles in two queries: the profile rows, and only the events the rules read —
 * by name, no older than the longest window needs, and not after `now`.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { EventFact, Facts } from "@/lib/rules/evaluate";

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
  event: string;
  properties: Record<string, unknown>;
  ts_ms: number;
}

/** Facts (without segment membership) of the given profiles that exist; missing ones are absent from the map. */
export async function loadFacts(
  db: Database,
  params: { workspaceId: string; profileIds: string[]; eventNeeds: Map<string, number | null>; now: Date },
): Promise<Map<string, Facts>> {
  const { workspaceId, profileIds, eventNeeds, now } = params;
  const ids = jsonParam(profileIds);
  const profileRows = await queryRows<ProfileRow>(
    db,
    sql`select p.id, p.user_id, p.traits, p.context,
               (extract(epoch from p.first_seen_at) * 1000)::float8 as first_seen_ms,
               (extract(epoch from p.last_seen_at) * 1000)::float8 as last_seen_ms
        from profiles p
        where p.workspace_id = ${workspaceId}::uuid and p.id in (select value::uuid from jsonb_array_elements_text(${ids}))`,
  );
  const facts = new Map<string, Facts>();
  const eventsOf = new Map<string, EventFact[]>();
  for (const r of profileRows) {
    const events: EventFact[] = [];
    eventsOf.set(r.id, events);
    facts.set(r.id, {
      profile: { userId: r.user_id, traits: r.traits, context: r.context, firstSeenAt: new Date(Number(r.first_seen_ms)), lastSeenAt: new Date(Number(r.last_seen_ms)) },
      events,
    });
  }
  if (profileRows.length === 0 || eventNeeds.size === 0) return facts;

  const windows = [...eventNeeds].map(([name, from]) => ({ name, from: from === null ? null : new Date(from).toISOString() }));
  const eventRows = await queryRows<EventRow>(
    db,
    sql`select e.profile_id, e.event, e.properties, (extract(epoch from e."timestamp") * 1000)::float8 as ts_ms
        from jsonb_to_recordset(${jsonParam(windows)}) as w(name text, "from" timestamptz)
        join events e on e.workspace_id = ${workspaceId}::uuid
          and e.profile_id in (select value::uuid from jsonb_array_elements_text(${ids}))
          and e.event = w.name
          and e."timestamp" <= ${now.toISOString()}::timestamptz
          and (w."from" is null or e."timestamp" >= w."from")`,
  );
  for (const e of eventRows) {
    eventsOf.get(e.profile_id)?.push({ event: e.event, properties: e.properties, timestamp: new Date(Number(e.ts_ms)) });
  }
  return facts;
}
