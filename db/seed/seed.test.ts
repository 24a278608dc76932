import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { workspaces } from "@/db/schema";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { DEMO_PERSONAS, seedDemoData, type SeedProgress, type SeedResult } from "./index";

const NOW = new Date("2026-03-18T12:00:00Z");
const PROFILES = 300;

describe.each(testEngines())("seedDemoData on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  let result: SeedResult;
  const progress: SeedProgress[] = [];

  async function createWorkspace(slug: string): Promise<string> {
    const [row] = await t.db.insert(workspaces).values({ slug, name: slug }).returning();
    return row.id;
  }

  async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
    return (await queryRows<T>(t.db, query))[0];
  }

  /** Everything a seed stores, keyed by values the seed controls (profile ids differ per workspace). */
  async function snapshot(workspaceId: string): Promise<string> {
    const rows = await queryRows<{ data: string }>(
      t.db,
      sql`select md5(string_agg(concat_ws('|', coalesce(p.user_id, p.anonymous_ids[1]), p.traits::text, p.context::text,
            p.consent::text, p.first_seen_at, p.last_seen_at, e.message_id, e.type, e.event, e.properties::text,
            e.context::text, e."timestamp"), ',' order by e.message_id)) as data
          from events e join profiles p on p.workspace_id = e.workspace_id and p.id = e.profile_id
          where e.workspace_id = ${workspaceId}`,
    );
    return rows[0].data;
  }

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await createWorkspace("demo");
    result = await seedDemoData(t, { workspaceId: ws, profiles: PROFILES, now: NOW, chunkSize: 120, onProgress: (p) => progress.push(p) });
  });
  afterAll(async () => t?.close());

  it("stores what it reports, reports progress per chunk and analyzes the tables", async () => {
    const counts = await one<{ profiles: number; events: number }>(
      sql`select (select count(*)::int from profiles where workspace_id = ${ws}) as profiles,
                 (select count(*)::int from events where workspace_id = ${ws}) as events`,
    );
    expect(counts).toEqual({ profiles: PROFILES, events: result.events });
    expect(result.events).toBeGreaterThan(PROFILES * 10);
    expect(progress.filter((p) => p.phase === "load").map((p) => p.done)).toEqual([0, 120, 240, 300]);
    expect(progress.at(-1)).toEqual({ phase: "analyze", done: 1, total: 1 });
    const analyzed = await one<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_user_tables where relname in ('profiles', 'identities', 'events') and last_analyze is not null`,
    );
    expect(analyzed.n).toBe(3);
  });

  it("links every event to a profile, with unique message ids and consistent first/last seen", async () => {
    const check = await one<{ orphans: number; distinct_ids: number; total: number; inconsistent: number }>(
      sql`select
            (select count(*)::int from events e where e.workspace_id = ${ws}
               and not exists (select 1 from profiles p where p.workspace_id = e.workspace_id and p.id = e.profile_id)) as orphans,
            (select count(distinct message_id)::int from events where workspace_id = ${ws}) as distinct_ids,
            (select count(*)::int from events where workspace_id = ${ws}) as total,
            (select count(*)::int from profiles p join (select profile_id, min("timestamp") as first, max("timestamp") as last
               from events where workspace_id = ${ws} group by profile_id) e on e.profile_id = p.id
             where p.workspace_id = ${ws} and (p.first_seen_at > e.first or p.last_seen_at <> e.last)) as inconsistent`,
    );
    expect(check).toEqual({ orphans: 0, distinct_ids: check.total, total: check.total, inconsistent: 0 });
  });

  it("maps every user id and anonymous id to its profile", async () => {
    const ids = await one<{ missing_user: number; missing_anon: number; identities: number; expected: number }>(
      sql`select
            (select count(*)::int from profiles p where p.workspace_id = ${ws} and p.user_id is not null and not exists
               (select 1 from identities i where i.workspace_id = p.workspace_id and i.kind = 'user' and i.value = p.user_id and i.profile_id = p.id)) as missing_user,
            (select count(*)::int from profiles p, unnest(p.anonymous_ids) a where p.workspace_id = ${ws} and not exists
               (select 1 from identities i where i.workspace_id = p.workspace_id and i.kind = 'anonymous' and i.value = a and i.profile_id = p.id)) as missing_anon,
            (select count(*)::int from identities where workspace_id = ${ws}) as identities,
            (select (count(user_id) + sum(cardinality(anonymous_ids)))::int from profiles where workspace_id = ${ws}) as expected`,
    );
    expect(ids).toEqual({ missing_user: 0, missing_anon: 0, identities: ids.expected, expected: ids.expected });
  });

  it("makes sports fans read several times more sports articles than others", async () => {
    const rows = await queryRows<{ fan: boolean; avg: number }>(
      t.db,
      sql`select p.traits->'interests' ? 'sports' as fan, avg(coalesce(v.n, 0))::float as avg
          from profiles p left join (select profile_id, count(*) as n from events where workspace_id = ${ws}
            and event = 'Page Viewed' and properties->>'category' = 'sports' group by profile_id) v on v.profile_id = p.id
          where p.workspace_id = ${ws} and p.user_id is not null group by 1`,
    );
    const avg = Object.fromEntries(rows.map((r) => [String(r.fan), r.avg]));
    expect(avg.true).toBeGreaterThan(3 * avg.false);
  });

  it("gives every customer an order and churned customers no activity in the last 30 days", async () => {
    const life = await one<{ customers_without_order: number; churned_recent: number; churned: number }>(
      sql`select
            (select count(*)::int from profiles p where p.workspace_id = ${ws} and p.traits->>'lifecycle' = 'customer' and not exists
               (select 1 from events e where e.workspace_id = p.workspace_id and e.profile_id = p.id and e.event = 'Order Completed')) as customers_without_order,
            (select count(*)::int from profiles p where p.workspace_id = ${ws} and p.traits->>'lifecycle' = 'churned' and exists
               (select 1 from events e where e.workspace_id = p.workspace_id and e.profile_id = p.id
                  and e."timestamp" > ${NOW.toISOString()}::timestamptz - interval '30 days')) as churned_recent,
            (select count(*)::int from profiles where workspace_id = ${ws} and traits->>'lifecycle' = 'churned') as churned`,
    );
    expect(life.churned).toBeGreaterThan(5);
    expect(life).toMatchObject({ customers_without_order: 0, churned_recent: 0 });
  });

  it("creates the demo personas", async () => {
    const userIds = DEMO_PERSONAS.flatMap((p) => (p.userId ? [p.userId] : []));
    const rows = await queryRows<{ user_id: string }>(t.db, sql`select user_id from profiles where workspace_id = ${ws} and user_id in ${userIds}`);
    expect(rows.map((r) => r.user_id).sort()).toEqual([...userIds].sort());
  });

  it("is deterministic: the same seed reproduces every row, another seed does not", async () => {
    const [first, again, other] = await Promise.all(["run-1", "run-2", "run-other"].map(createWorkspace));
    for (const [workspaceId, seed] of [[first, 42], [again, 42], [other, 7]] as const) {
      await seedDemoData(t, { workspaceId, profiles: 100, now: NOW, seed });
    }
    const [a, b, c] = await Promise.all([snapshot(first), snapshot(again), snapshot(other)]);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("refuses to seed over existing profiles unless asked to replace them", async () => {
    await expect(seedDemoData(t, { workspaceId: ws, profiles: 10, now: NOW })).rejects.toThrow(/already has 300 profiles/);
    await t.db.execute(sql`insert into event_rollups (workspace_id, profile_id, event, day, count)
      select workspace_id, profile_id, event, now(), 1 from events where workspace_id = ${ws} limit 1`);
    const replaced = await seedDemoData(t, { workspaceId: ws, profiles: 10, now: NOW, replace: true });
    const n = await one<{ events: number; rollups: number }>(
      sql`select (select count(*)::int from events where workspace_id = ${ws}) as events,
                 (select count(*)::int from event_rollups where workspace_id = ${ws}) as rollups`,
    );
    expect(n).toEqual({ events: replaced.events, rollups: 0 });
    await expect(seedDemoData(t, { workspaceId: "00000000-0000-4000-8000-000000000000", profiles: 1 })).rejects.toThrow(/does not exist/);
  });
});
