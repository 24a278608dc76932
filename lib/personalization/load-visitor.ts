/**
 * What decide knows about one visitor: the profile behind the targeting key (user id first, then
 * anonymous id), its consent, the events the candidate experiences read, its stored segment
 * memberships, and its recent impressions for frequency caps — all in ONE prepared statement, so
 * a decision costs one round trip to the database whatever the experiences need.
 */
import "server-only";
import type { Database } from "@/db/client";
import { addEventNeeds } from "@/lib/membership/rule-needs";
import type { EventFact } from "@/lib/rules/evaluate";
import { countQueuedImpressions } from "./record-impressions";
import { preparedRunner } from "./run-prepared";
import type { CompiledExperience } from "./workspace-config";

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

export interface LoadVisitorParams {
  workspaceId: string;
  targetingKey: string;
  now: Date;
  /** Event name → earliest timestamp (epoch ms) the rules read, or null for all history. */
  eventNeeds: Map<string, number | null>;
  /** Event names of which only the latest one is read (templates' `events.last[...]`). */
  latestEvents?: Iterable<string>;
  cappedExperienceIds: string[];
  /**
   * Read events up to this time instead of `now`: the visitor cache keeps a visitor for a while,
   * so it also holds events stamped a little in the future and drops them per decision.
   */
  eventsUntil?: Date;
}

const DAY = 86_400_000;

/**
 * $1 workspace, $2 targeting key, $3 now, $4 event reads `[{ name, from, before, latest }]`
 * (a window [from, now], or with `latest` the newest event before `before`), $5 capped
 * experience ids, $6 a day ago, $7 a week ago, $8 the newest event time to read (usually now). The identity lookup reads the identities primary
 * key; events come from events_profile_event_time_idx with both time bounds in the index
 * condition (newest first, so `latest` stops at one row); impressions from impressions_key_idx. An unknown visitor still gets one row (nulls).
 */
const VISITOR_SQL = `
with p as (
  select p.id, p.user_id, p.traits, p.context, p.consent,
         (extract(epoch from p.first_seen_at) * 1000)::float8 as first_ms, (extract(epoch from p.last_seen_at) * 1000)::float8 as last_ms
  from identities i join profiles p on p.workspace_id = i.workspace_id and p.id = i.profile_id
  where i.workspace_id = $1::text::uuid and i.value = $2::text and i.kind in ('user', 'anonymous')
  order by (i.kind = 'user') desc
  limit 1
)
select p.id::text as id, p.user_id, p.traits, p.context, p.consent, p.first_ms, p.last_ms,
  (select json_agg(json_build_array(x.event, x.properties, x.ts_ms))
   from jsonb_to_recordset($4::text::jsonb) as w(name text, "from" timestamptz, before timestamptz, latest boolean)
   cross join lateral (
     select e.event, e.properties, (extract(epoch from e."timestamp") * 1000)::float8 as ts_ms
     from events e
     where e.workspace_id = $1::text::uuid and e.profile_id = p.id and e.event = w.name
       and e."timestamp" <= $8::text::timestamptz
       and e."timestamp" >= coalesce(w."from", '-infinity') and e."timestamp" < coalesce(w.before, 'infinity')
     order by e."timestamp" desc
     limit case when w.latest then 1 end
   ) x) as events,
  (select json_agg(s.key)
   from segment_members m join segments s on s.id = m.segment_id
   where m.workspace_id = $1::text::uuid and m.profile_id = p.id) as segments,
  (select json_agg(json_build_array(c.experience_id, c.day, c.week))
   from (select i.experience_id::text as experience_id,
                count(*) filter (where i.at > $6::text::timestamptz)::int as day, count(*)::int as week
         from impressions i
         where i.workspace_id = $1::text::uuid and i.targeting_key = $2::text
           and i.experience_id in (select value::uuid from jsonb_array_elements_text($5::text::jsonb))
           and i.at > $7::text::timestamptz and i.at <= $3::text::timestamptz
         group by i.experience_id) c) as impressions
from (select 1) as one left join p on true`;

interface VisitorRow {
  id: string | null;
  user_id: string | null;
  traits: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
  consent: Record<string, boolean> | null;
  first_ms: number | null;
  last_ms: number | null;
  events: [string, Record<string, unknown>, number][] | null;
  segments: string[] | null;
  impressions: [string, number, number][] | null;
}

/** The event reads as the statement takes them: windows, plus the latest event of template-only names. */
function eventReads(eventNeeds: Map<string, number | null>, latest: Iterable<string>): string {
  const reads: { name: string; from: string | null; before: string | null; latest: boolean }[] = [];
  for (const [name, from] of eventNeeds) reads.push({ name, from: from === null ? null : new Date(from).toISOString(), before: null, latest: false });
  for (const name of latest) {
    if (!eventNeeds.has(name)) reads.push({ name, from: null, before: null, latest: true });
    else {
      // A window already reads the newest events; only when it is empty is an older one the latest.
      const from = eventNeeds.get(name);
      if (from !== null && from !== undefined) reads.push({ name, from: null, before: new Date(from).toISOString(), latest: true });
    }
  }
  return JSON.stringify(reads);
}

/**
 * Loads a visitor; an unknown targeting key is a visitor with no history. The statement runs on
 * `via` when given (the decision pool); queued impressions are those recorded against `db`.
 */
export async function loadVisitor(db: Database, params: LoadVisitorParams, via: Database = db): Promise<Visitor> {
  const { workspaceId, targetingKey, now } = params;
  const nowMs = now.getTime();
  const dayAgo = new Date(nowMs - DAY);
  const weekAgo = new Date(nowMs - 7 * DAY);
  const capped = params.cappedExperienceIds;
  const [row] = (await preparedRunner(via)(VISITOR_SQL, [
    workspaceId,
    targetingKey,
    now.toISOString(),
    eventReads(params.eventNeeds, params.latestEvents ?? []),
    JSON.stringify(capped),
    dayAgo.toISOString(),
    weekAgo.toISOString(),
    (params.eventsUntil ?? now).toISOString(),
  ])) as unknown as VisitorRow[];
  const known = row?.id != null;
  const events: EventFact[] = [];
  if (known && row.events) {
    for (const [event, properties, ts] of row.events) events.push({ event, properties, timestamp: new Date(ts) });
  }
  const impressions = new Map<string, { day: number; week: number }>();
  for (const id of capped) {
    const counted = row?.impressions?.find((x) => x[0] === id);
    impressions.set(id, {
      day: Number(counted?.[1] ?? 0) + countQueuedImpressions(db, workspaceId, targetingKey, id, dayAgo),
      week: Number(counted?.[2] ?? 0) + countQueuedImpressions(db, workspaceId, targetingKey, id, weekAgo),
    });
  }
  return {
    profileId: known ? row.id : null,
    userId: known ? row.user_id : null,
    traits: (known && row.traits) || {},
    context: (known && row.context) || {},
    consent: (known && row.consent) || {},
    firstSeenAt: new Date(known ? Number(row.first_ms) : nowMs),
    lastSeenAt: new Date(known ? Number(row.last_ms) : nowMs),
    events,
    segments: new Set(known ? (row.segments ?? []) : []),
    impressions,
  };
}

/**
 * What to load about a visitor so that `experiences` can be decided: the events their rules and
 * suppressions read (how far back), the latest events their templates read, and their capped
 * impressions. For several slots at once, pass all their scheduled experiences.
 */
export function visitorReads(workspaceId: string, targetingKey: string, now: Date, experiences: readonly CompiledExperience[]): LoadVisitorParams {
  const eventNeeds = new Map<string, number | null>();
  // Templates read only the latest event of a name (`events.last[...]`): one row, not the history.
  const latestEvents = new Set<string>();
  const cappedExperienceIds: string[] = [];
  for (const e of experiences) {
    for (const r of e.rules) if (r.kind === "rule") addEventNeeds(r.rule, now.getTime(), eventNeeds);
    if (e.suppression) eventNeeds.set(e.suppression.event, null);
    for (const name of e.lastEvents) latestEvents.add(name);
    if (e.frequencyCap) cappedExperienceIds.push(e.id);
  }
  return { workspaceId, targetingKey, now, eventNeeds, latestEvents, cappedExperienceIds };
}
