import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { foldAscii } from "@/lib/rules/fold-ascii";
import { fold } from "@/lib/rules/sql-values";

/**
 * Which event properties get their own daily rollup rows besides the event as a whole. These are
 * the dimensions marketers filter behaviour on most; other filters read raw events.
 */
export const ROLLUP_DIMENSIONS: Readonly<Record<string, readonly string[]>> = {
  "Page Viewed": ["category"],
  "Product Viewed": ["category", "product_type"],
  "Product Added": ["category"],
  "Flight Searched": ["destination"],
  "Flight Booked": ["destination"],
  "Email Link Clicked": ["campaign"],
};

/**
 * Only string properties are split out, folded exactly as rules fold text (ASCII A–Z only, see
 * lib/rules/fold-ascii.ts): an equals filter then reads its rows by the folded value. Unicode
 * lower-casing would merge "Ä" into "ä", which rules keep apart.
 */
export function rollupDimValue(value: unknown): string | null {
  return typeof value === "string" ? foldAscii(value) : null;
}

function dimensionPairs() {
  const pairs: { event: string; key: string }[] = [];
  for (const [event, keys] of Object.entries(ROLLUP_DIMENSIONS)) for (const key of keys) pairs.push({ event, key });
  return pairs;
}

/**
 * Recomputes a workspace's rollups from its raw events (after a bulk load or to repair).
 * Ingestion keeps them current incrementally.
 */
export async function rebuildRollups(db: Database, workspaceId: string): Promise<void> {
  const pairs = dimensionPairs();
  const dims = sql.join(
    pairs.map((p) => sql`(${p.event}::text, ${p.key}::text)`),
    sql`, `,
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from event_rollups where workspace_id = ${workspaceId}`);
    await tx.execute(sql`
      insert into event_rollups (workspace_id, profile_id, event, dim_key, dim_value, day, count, revenue)
      select workspace_id, profile_id, event, '', '', date_trunc('day', "timestamp", 'UTC'), count(*),
             coalesce(sum(case when jsonb_typeof(properties->'revenue') = 'number' then (properties->>'revenue')::float8 end), 0)
      from events where workspace_id = ${workspaceId}
      group by 1, 2, 3, 6`);
    await tx.execute(sql`
      insert into event_rollups (workspace_id, profile_id, event, dim_key, dim_value, day, count, revenue)
      select e.workspace_id, e.profile_id, e.event, d.key, ${fold(sql`e.properties->>d.key`)}, date_trunc('day', e."timestamp", 'UTC'), count(*),
             coalesce(sum(case when jsonb_typeof(e.properties->'revenue') = 'number' then (e.properties->>'revenue')::float8 end), 0)
      from events e
      join (values ${dims}) as d(event, key) on d.event = e.event
      where e.workspace_id = ${workspaceId} and jsonb_typeof(e.properties->d.key) = 'string'
      group by 1, 2, 3, 4, 5, 6`);
  });
  await db.execute(sql`analyze event_rollups`);
}

/**
 * Whether the workspace's rollups can answer counts. Ingestion keeps rollups equal to a GROUP BY
 * over events, and bulk loads call rebuildRollups; a workspace with no rollup rows at all has had
 * its events written some other way (fixtures, a seed not yet rolled up), so its counts read raw
 * events instead. One index probe.
 */
export async function rollupsReady(db: Database, workspaceId: string): Promise<boolean> {
  const [row] = await queryRows<{ ready: boolean }>(
    db,
    sql`select exists (select 1 from event_rollups where workspace_id = ${workspaceId}::uuid) as ready`,
  );
  return row.ready;
}
