import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { ROLLUP_DIMENSIONS } from "@/lib/segments/rollups";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { ingestBatch, type IngestBatchResult } from "../ingest-batch";
import { validateBatch } from "../validate";

let counter = 0;

/** A fresh workspace per test keeps tests independent on one database. */
export async function newWorkspace(db: Database, name = "Ingest"): Promise<string> {
  return (await createWorkspace(db, { name: `${name} ${++counter}` })).id;
}

/** Validates raw Segment messages as one batch and ingests them; throws on invalid input. */
export async function ingest(
  db: Database,
  workspaceId: string,
  batch: Record<string, unknown>[],
  options: { receivedAt?: Date; sentAt?: string; fallbackCountry?: string; group?: boolean } = {},
): Promise<IngestBatchResult> {
  const result = validateBatch({ batch, ...(options.sentAt ? { sentAt: options.sentAt } : {}) });
  if (!result.ok) throw new Error(`invalid test batch: ${JSON.stringify(result.errors)}`);
  return ingestBatch(db, { workspaceId, messages: result.messages, receivedAt: options.receivedAt, fallbackCountry: options.fallbackCountry, group: options.group });
}

/** Row counts of every table in the public schema, to prove a rejected request changed nothing. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(name)}`);
    counts[name] = Number(row.n);
  }
  return counts;
}

export async function profilesOf(db: Database, workspaceId: string) {
  return queryRows<{ id: string; user_id: string | null; anonymous_ids: string[]; traits: Record<string, unknown>; context: Record<string, unknown>; consent: Record<string, boolean>; first_seen_at: string; last_seen_at: string }>(
    db,
    sql`select id, user_id, anonymous_ids, traits, context, consent, first_seen_at::text, last_seen_at::text from profiles where workspace_id = ${workspaceId}::uuid order by first_seen_at, id`,
  );
}

export async function eventsOf(db: Database, workspaceId: string) {
  return queryRows<{ profile_id: string; message_id: string; type: string; event: string; properties: Record<string, unknown>; ts: string }>(
    db,
    sql`select profile_id, message_id, type, event, properties, to_json("timestamp")#>>'{}' as ts from events where workspace_id = ${workspaceId}::uuid order by "timestamp", id`,
  );
}

function dimensions() {
  const pairs = Object.entries(ROLLUP_DIMENSIONS).flatMap(([event, keys]) => keys.map((key) => sql`(${event}::text, ${key}::text)`));
  return sql.join(pairs, sql`, `);
}

/** Rollups as stored, and as a GROUP BY over the raw events computes them: they must be equal. */
export async function rollupsVsEvents(db: Database, workspaceId: string) {
  const stored = await queryRows(
    db,
    sql`select profile_id::text, event, dim_key, dim_value, to_json(day)#>>'{}' as day, count::int, revenue::float8 from event_rollups
        where workspace_id = ${workspaceId}::uuid order by 1, 2, 3, 4, 5`,
  );
  const computed = await queryRows(
    db,
    sql`with e as (
          select profile_id, event, properties, date_trunc('day', "timestamp", 'UTC') as day,
                 case when jsonb_typeof(properties->'revenue') = 'number' then (properties->>'revenue')::float8 else 0 end as revenue
          from events where workspace_id = ${workspaceId}::uuid),
        dims(event, key) as (values ${dimensions()})
        select profile_id::text, event, '' as dim_key, '' as dim_value, to_json(day)#>>'{}' as day, count(*)::int as count, sum(revenue)::float8 as revenue
        from e group by 1, 2, 5
        union all
        select e.profile_id::text, e.event, d.key, lower(e.properties->>d.key), to_json(e.day)#>>'{}', count(*)::int, sum(e.revenue)::float8
        from e join dims d on d.event = e.event where jsonb_typeof(e.properties->d.key) = 'string'
        group by 1, 2, 3, 4, 5
        order by 1, 2, 3, 4, 5`,
  );
  return { stored, computed };
}
