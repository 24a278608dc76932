/**
 * What decide knows about one visitor: the profile behind the targeting key (user id first, then
 * anonymous id), its consent, the events the candidate experiences read, its stored segment
 * memberships, and its recent impressions for frequency caps.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { EventFact } from "@/lib/rules/evaluate";
import { countQueuedImpressions } from "./record-impressions";

export interface Visitor {
  profileId: string | null;
  userId: string | null;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  consent: Record<string, boolean>;
  firstSeenAt: Date;
  lastSeenAt: Date;
  events: EventFact[];
  segments: Set<string>;
  /** experience id → impressions of this targeting key in the last day and week. */
  impressions: Map<string, { day: number; week: number }>;
}

const DAY = 86_400_000;
const jsonParam = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** Loads a visitor; an unknown targeting key is a visitor with no history. */
export async function loadVisitor(
  db: Database,
  params: { workspaceId: string; targetingKey: string; now: Date; eventNeeds: Map<string, number | null>; cappedExperienceIds: string[] },
): Promise<Visitor> {
  const { workspaceId, targetingKey, now } = params;
  const [profile] = await queryRows<{ id: string; user_id: string | null; traits: Record<string, unknown>; context: Record<string, unknown>; consent: Record<string, boolean>; first_ms: number; last_ms: number }>(
    db,
    sql`select p.id, p.user_id, p.traits, p.context, p.consent,
               (extract(epoch from p.first_seen_at) * 1000)::float8 as first_ms, (extract(epoch from p.last_seen_at) * 1000)::float8 as last_ms
        from identities i join profiles p on p.workspace_id = i.workspace_id and p.id = i.profile_id
        where i.workspace_id = ${workspaceId}::uuid and i.value = ${targetingKey} and i.kind in ('user', 'anonymous')
        order by (i.kind = 'user') desc limit 1`,
  );
  const visitor: Visitor = {
    profileId: profile?.id ?? null,
    userId: profile?.user_id ?? null,
    traits: profile?.traits ?? {},
    context: profile?.context ?? {},
    consent: profile?.consent ?? {},
    firstSeenAt: new Date(profile ? Number(profile.first_ms) : now.getTime()),
    lastSeenAt: new Date(profile ? Number(profile.last_ms) : now.getTime()),
    events: [],
    segments: new Set(),
    impressions: new Map(),
  };
  const nowIso = now.toISOString();
  const work: Promise<void>[] = [];
  if (profile && params.eventNeeds.size > 0) {
    const windows = [...params.eventNeeds].map(([name, from]) => ({ name, from: from === null ? null : new Date(from).toISOString() }));
    work.push(
      queryRows<{ event: string; properties: Record<string, unknown>; ts_ms: number }>(
        db,
        sql`select e.event, e.properties, (extract(epoch from e."timestamp") * 1000)::float8 as ts_ms
            from jsonb_to_recordset(${jsonParam(windows)}) as w(name text, "from" timestamptz)
            join events e on e.workspace_id = ${workspaceId}::uuid and e.profile_id = ${profile.id}::uuid and e.event = w.name
              and e."timestamp" <= ${nowIso}::timestamptz and (w."from" is null or e."timestamp" >= w."from")`,
      ).then((rows) => {
        visitor.events = rows.map((r) => ({ event: r.event, properties: r.properties, timestamp: new Date(Number(r.ts_ms)) }));
      }),
    );
  }
  if (profile) {
    work.push(
      queryRows<{ key: string }>(
        db,
        sql`select s.key from segment_members m join segments s on s.id = m.segment_id
            where m.workspace_id = ${workspaceId}::uuid and m.profile_id = ${profile.id}::uuid`,
      ).then((rows) => {
        visitor.segments = new Set(rows.map((r) => r.key));
      }),
    );
  }
  if (params.cappedExperienceIds.length > 0) {
    const weekAgo = new Date(now.getTime() - 7 * DAY);
    const dayAgo = new Date(now.getTime() - DAY);
    work.push(
      queryRows<{ experience_id: string; day: number; week: number }>(
        db,
        sql`select experience_id::text, count(*) filter (where at > ${dayAgo.toISOString()}::timestamptz)::int as day, count(*)::int as week
            from impressions
            where workspace_id = ${workspaceId}::uuid and targeting_key = ${targetingKey}
              and experience_id in (select value::uuid from jsonb_array_elements_text(${jsonParam(params.cappedExperienceIds)}))
              and at > ${weekAgo.toISOString()}::timestamptz and at <= ${nowIso}::timestamptz
            group by experience_id`,
      ).then((rows) => {
        for (const id of params.cappedExperienceIds) {
          const r = rows.find((x) => x.experience_id === id);
          visitor.impressions.set(id, {
            day: Number(r?.day ?? 0) + countQueuedImpressions(db, workspaceId, targetingKey, id, dayAgo),
            week: Number(r?.week ?? 0) + countQueuedImpressions(db, workspaceId, targetingKey, id, weekAgo),
          });
        }
      }),
    );
  }
  await Promise.all(work);
  return visitor;
}
