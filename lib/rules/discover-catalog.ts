/**
 * Builds a workspace's Catalog from its data with bounded samples, so it stays fast on millions
 * of rows: the 2000 most recently seen profiles (index on workspace_id, last_seen_at), every event
 * name by a loose index scan (index on workspace_id, event, timestamp) capped at 300, and the 100
 * latest events of each name. Keys are typed with `jsonb_typeof`, one level of nested objects
 * included; a text key is a date when 90% of its sampled values parse as dates.
 * A pure function of the database: safe to cache (see lib/segments). On Citus the recursive name
 * scan would have to run per shard (recursive CTEs are not distributed); revisit when moving there.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { Catalog, CatalogEvent, CatalogField, ExampleValue, FieldType } from "./catalog";
import { BUILTIN_FIELDS, STANDARD_CONTEXT_KEYS } from "./fields";
import { ISO_DATE_PATTERN } from "./iso-date";

const PROFILE_SAMPLE = 2000;
const EVENTS_PER_NAME = 100;
const MAX_EVENT_NAMES = 300;
const MAX_EXAMPLES = 5;

interface KeyRow {
  owner: string;
  path: string;
  type: string;
  n: number;
  dates: number;
  examples: ExampleValue[] | null;
}

/** Per (owner, path, jsonb type): how often, how many look like dates, the top values. */
function keyStats(docs: SQL): SQL {
  return sql`
    with docs(owner, doc) as (${docs}),
    top as (
      select d.owner, k.key as path, k.value from docs d, jsonb_each(d.doc) k where position('.' in k.key) = 0
    ),
    flat as (
      select owner, path, value from top
      union all
      select t.owner, t.path || '.' || k.key, k.value
      from top t, jsonb_each(case when jsonb_typeof(t.value) = 'object' then t.value else '{}'::jsonb end) k
      where position('.' in k.key) = 0
    ),
    types as (
      select owner, path, jsonb_typeof(value) as type, count(*)::int as n,
        count(*) filter (where jsonb_typeof(value) = 'string' and (value #>> '{}') ~ ${sql.raw(`'${ISO_DATE_PATTERN}'`)})::int as dates
      from flat group by 1, 2, 3
    ),
    scalars as (
      select owner, path, value as v from flat where jsonb_typeof(value) in ('string', 'number', 'boolean')
      union all
      select f.owner, f.path, e.value from flat f,
        jsonb_array_elements(case when jsonb_typeof(f.value) = 'array' then f.value else '[]'::jsonb end) e
      where jsonb_typeof(e.value) in ('string', 'number', 'boolean')
    ),
    ranked as (
      select owner, path, v, row_number() over (partition by owner, path order by count(*) desc, v) as r
      from scalars where length(v::text) <= 100 group by owner, path, v
    )
    select t.owner, t.path, t.type, t.n, t.dates,
      (select jsonb_agg(r.v order by r.r) from ranked r where r.owner = t.owner and r.path = t.path and r.r <= ${MAX_EXAMPLES}) as examples
    from types t`;
}

/** Picks each key's dominant JSON type and turns rows into catalog entries, sorted by path. */
function toFields(rows: KeyRow[]): Map<string, { path: string; type: FieldType; examples: ExampleValue[] }[]> {
  const best = new Map<string, KeyRow>();
  for (const row of rows) {
    if (row.type === "null" || row.type === "object") continue;
    const id = `${row.owner}\u0000${row.path}`;
    const seen = best.get(id);
    if (!seen || row.n > seen.n || (row.n === seen.n && row.type < seen.type)) best.set(id, row);
  }
  const byOwner = new Map<string, { path: string; type: FieldType; examples: ExampleValue[] }[]>();
  for (const row of best.values()) {
    const type: FieldType =
      row.type === "string" ? (row.dates >= 0.9 * row.n ? "date" : "string") : row.type === "array" ? "list" : (row.type as FieldType);
    const entries = byOwner.get(row.owner) ?? [];
    entries.push({ path: row.path, type, examples: row.examples ?? [] });
    byOwner.set(row.owner, entries);
  }
  for (const entries of byOwner.values()) entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return byOwner;
}

async function profileFields(db: Database, workspaceId: string): Promise<CatalogField[]> {
  const sample = sql`select traits, context from profiles where workspace_id = ${workspaceId} order by last_seen_at desc limit ${PROFILE_SAMPLE}`;
  const docs = sql`select k.owner, k.doc from (${sample}) s cross join lateral (values ('traits', s.traits), ('context', s.context)) k(owner, doc)`;
  const byOwner = toFields(await queryRows<KeyRow>(db, keyStats(docs)));
  const fields: CatalogField[] = [];
  for (const owner of ["traits", "context"]) {
    for (const f of byOwner.get(owner) ?? []) fields.push({ field: `${owner}.${f.path}`, type: f.type, examples: f.examples });
  }
  for (const key of STANDARD_CONTEXT_KEYS) {
    if (!fields.some((f) => f.field === `context.${key}`)) fields.push({ field: `context.${key}`, type: "string", examples: [] });
  }
  return fields;
}

async function eventCatalog(db: Database, workspaceId: string): Promise<CatalogEvent[]> {
  // Loose index scan: one index probe per distinct name instead of reading every event.
  const names = sql`
    with recursive names(event) as (
      (select event from events where workspace_id = ${workspaceId} order by event limit 1)
      union all
      select (select e.event from events e where e.workspace_id = ${workspaceId} and e.event > n.event order by e.event limit 1)
      from names n where n.event is not null
    )
    select event from names where event is not null limit ${MAX_EVENT_NAMES}`;
  const docs = sql`
    select n.event, s.properties from (${names}) n cross join lateral (
      select properties from events where workspace_id = ${workspaceId} and event = n.event order by timestamp desc limit ${EVENTS_PER_NAME}
    ) s`;
  const [nameRows, keyRows] = await Promise.all([
    queryRows<{ event: string }>(db, names),
    queryRows<KeyRow>(db, keyStats(docs)),
  ]);
  const byOwner = toFields(keyRows);
  return nameRows
    .map(({ event }) => ({
      event,
      properties: (byOwner.get(event) ?? []).map((p) => ({ property: p.path, type: p.type, examples: p.examples })),
    }))
    .sort((a, b) => (a.event < b.event ? -1 : a.event > b.event ? 1 : 0));
}

/** The fields, events and properties a workspace's rules can use, discovered from samples of its data. */
export async function discoverCatalog(db: Database, workspaceId: string): Promise<Catalog> {
  const [fields, events] = await Promise.all([profileFields(db, workspaceId), eventCatalog(db, workspaceId)]);
  return { fields: [...BUILTIN_FIELDS, ...fields], events };
}
