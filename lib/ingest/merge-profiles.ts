import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit";
import type { Json } from "./types";

const jsonRows = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

interface MergeRow {
  id: string;
  traits: Json;
  context: Json;
  consent: Json;
  anonymous_ids: string[];
  /** last_seen_at in microseconds since the epoch (exact in a double up to the year 2255). */
  last_seen_us: number | string;
}

interface Combined {
  id: string;
  traits: Json;
  context: Json;
  consent: Json;
  anonymous_ids: string[];
}

/**
 * Folds each merged profile into its survivor, in the order given, exactly as merging them one
 * by one would: per key the more recently seen side wins (`jsonb ||` is a shallow merge, so is
 * an object spread), anonymous ids are appended without repeats, and the survivor's last seen
 * time moves forward after each step.
 */
function combine(merges: readonly { from: string; into: string }[], rows: MergeRow[]): Combined[] {
  const byId = new Map(rows.map((r) => [r.id, { ...r, last: Number(r.last_seen_us) }]));
  const touched = new Set<string>();
  for (const { from, into } of merges) {
    const f = byId.get(from);
    const i = byId.get(into);
    if (!f || !i) continue; // deleted meanwhile: nothing to combine
    const fromWins = f.last > i.last;
    const pick = (a: Json, b: Json) => (fromWins ? { ...a, ...b } : { ...b, ...a });
    i.traits = pick(i.traits, f.traits);
    i.context = pick(i.context, f.context);
    i.consent = pick(i.consent, f.consent);
    i.anonymous_ids = [...i.anonymous_ids, ...f.anonymous_ids.filter((a) => !i.anonymous_ids.includes(a))];
    i.last = Math.max(i.last, f.last);
    touched.add(into);
  }
  return [...touched].sort().map((id) => {
    const r = byId.get(id)!;
    return { id, traits: r.traits, context: r.context, consent: r.consent, anonymous_ids: r.anonymous_ids };
  });
}

/**
 * Folds profiles into their survivors inside the caller's transaction (all rows already locked),
 * set-based: one read and one statement for any number of merges. Identities, events and rollups
 * move (rollups of the same day add up), traits/context/consent are combined with the more
 * recently seen profile winning per key (see `combine`), first/last seen widen, the merged
 * profiles are deleted, and each merge is audited with only profile ids and counts — never
 * traits or ids a person typed. `into` must be a final survivor (never itself merged here).
 */
export async function mergeProfiles(db: Database, workspaceId: string, merges: readonly { from: string; into: string }[]): Promise<void> {
  if (!merges.length) return;
  const ws = sql`${workspaceId}::uuid`;
  const ids = [...new Set(merges.flatMap((m) => [m.from, m.into]))];
  const rows = await queryRows<MergeRow>(
    db,
    sql`select id::text, traits, context, consent, anonymous_ids, (extract(epoch from last_seen_at) * 1000000)::int8 as last_seen_us
        from profiles where workspace_id = ${ws} and id in (select value::uuid from jsonb_array_elements_text(${jsonRows(ids)}))`,
  );
  const combined = combine(merges, rows);
  const pairs = merges.map((m, n) => ({ from: m.from, into: m.into, n }));
  await db.execute(sql`
    with m as (select * from jsonb_to_recordset(${jsonRows(pairs)}) as m("from" uuid, "into" uuid, n int)),
    ids as (
      update identities i set profile_id = m."into" from m
      where i.workspace_id = ${ws} and i.profile_id = m."from"
      returning m."from"),
    ev as (
      update events e set profile_id = m."into" from m
      where e.workspace_id = ${ws} and e.profile_id = m."from"
      returning m."from"),
    moved as (
      delete from event_rollups r using m
      where r.workspace_id = ${ws} and r.profile_id = m."from"
      returning m."into" as profile_id, r.event, r.dim_key, r.dim_value, r.day, r.count, r.revenue),
    roll as (
      insert into event_rollups (workspace_id, profile_id, event, dim_key, dim_value, day, count, revenue)
      select ${ws}, profile_id, event, dim_key, dim_value, day, sum(count)::int, sum(revenue)::float8
      from moved group by profile_id, event, dim_key, dim_value, day
      on conflict (workspace_id, profile_id, event, dim_key, dim_value, day)
      do update set count = event_rollups.count + excluded.count, revenue = event_rollups.revenue + excluded.revenue),
    seen as (
      select m."into", min(f.first_seen_at) as first_seen, max(f.last_seen_at) as last_seen
      from m join profiles f on f.workspace_id = ${ws} and f.id = m."from" group by m."into"),
    -- The survivor always has the userId (see planIdentities), so user_id is left as it is.
    upd as (
      update profiles i set traits = c.traits, context = c.context, consent = c.consent, anonymous_ids = c.anonymous_ids,
        first_seen_at = least(i.first_seen_at, s.first_seen), last_seen_at = greatest(i.last_seen_at, s.last_seen), updated_at = now()
      from jsonb_to_recordset(${jsonRows(combined)}) as c(id uuid, traits jsonb, context jsonb, consent jsonb, anonymous_ids text[])
      join seen s on s."into" = c.id
      where i.workspace_id = ${ws} and i.id = c.id),
    del as (
      delete from profiles p using m where p.workspace_id = ${ws} and p.id = m."from")
    insert into audit_entries (workspace_id, actor, actor_label, action, entity_type, entity_id, before, after)
    select ${ws}, ${SYSTEM_ACTOR.id}, ${SYSTEM_ACTOR.label}, 'profile.merged', 'profile', m."into"::text,
      jsonb_build_object('profileId', m."from"),
      jsonb_build_object('profileId', m."into", 'movedEvents', coalesce(e.n, 0), 'movedIdentities', coalesce(i.n, 0))
    from m
    left join (select "from", count(*)::int as n from ev group by 1) e on e."from" = m."from"
    left join (select "from", count(*)::int as n from ids group by 1) i on i."from" = m."from"
    order by m.n`);
}
