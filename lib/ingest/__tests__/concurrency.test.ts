import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { ingest, newWorkspace, rollupsVsEvents } from "./helpers";

// A small deterministic PRNG so a failure can be replayed from its seed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const USERS = 4;
const ANONS = 16;
// Each anonymous id only ever appears with one user, so the end state does not depend on order.
const userOf = (anon: number) => `user-${anon % USERS}`;

function randomBatch(random: () => number, size: number, tag: string) {
  return Array.from({ length: size }, (_, i) => {
    const anon = Math.floor(random() * ANONS);
    const linked = random() < 0.15;
    const timestamp = new Date(Date.UTC(2024, 4, 1) + Math.floor(random() * 3 * 86_400_000)).toISOString();
    return linked
      ? { type: "identify", userId: userOf(anon), anonymousId: `anon-${anon}`, traits: { [`t${anon}`]: i }, messageId: `${tag}-${i}`, timestamp }
      : { type: "page", anonymousId: `anon-${anon}`, category: random() < 0.5 ? "Sports" : "news", messageId: `${tag}-${i}`, timestamp, properties: { revenue: 0.5 } };
  });
}

// "direct": each batch in its own transaction, racing the others as batches arriving at different
// server processes do; "grouped": batches of one process, written together by the group writer.
const MODES = [
  ["direct", false],
  ["grouped", true],
] as const;

describe.each(testEngines().flatMap((engine) => MODES.map(([mode, group]) => [engine, mode, group] as const)))("concurrent ingestion on %s, %s", (engine, _mode, group) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it.each([1, 2, 3])("keeps one profile per identity and loses no event when batches race (seed %i)", async (seed) => {
    const ws = await newWorkspace(t.db, "Race");
    const random = rng(seed);
    // some anonymous profiles exist before the race, so merges race with plain tracking too
    await ingest(t.db, ws, randomBatch(random, 10, "seed").filter((m) => m.type === "page"));
    const batches = Array.from({ length: 8 }, (_, b) => randomBatch(random, 40, `b${b}`));
    await Promise.all(batches.map((batch) => ingest(t.db, ws, batch, { group })));

    const all = [...batches.flat(), ...(await queryRows<{ message_id: string }>(t.db, sql`select message_id from events where workspace_id = ${ws}::uuid and message_id like 'seed-%'`))];
    const [{ n: events }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from events where workspace_id = ${ws}::uuid`);
    expect(Number(events)).toBe(all.length);

    const profiles = await queryRows<{ id: string; user_id: string | null; anonymous_ids: string[] }>(
      t.db,
      sql`select id, user_id, anonymous_ids from profiles where workspace_id = ${ws}::uuid`,
    );
    const linked = new Set(batches.flat().filter((m) => m.type === "identify").map((m) => m.anonymousId));
    const seen = new Set([...batches.flat().map((m) => m.anonymousId)]);
    const users = new Set([...linked].map((a) => userOf(Number(a.slice(5)))));
    // every seen anonymous id sits in exactly one profile: its user's when it was ever linked
    const owner = new Map<string, { id: string; user_id: string | null }>();
    for (const p of profiles) for (const a of p.anonymous_ids) {
      expect(owner.has(a), `${a} in two profiles`).toBe(false);
      owner.set(a, p);
    }
    for (const a of seen) expect(owner.get(a)?.user_id ?? null, a).toBe(linked.has(a) ? userOf(Number(a.slice(5))) : null);
    expect(profiles.filter((p) => p.user_id).map((p) => p.user_id).sort()).toEqual([...users].sort());
    expect(profiles.length).toBe(users.size + [...owner.values()].filter((p) => !p.user_id).length);

    const [{ n: orphans }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from events e where e.workspace_id = ${ws}::uuid
          and not exists (select 1 from profiles p where p.workspace_id = e.workspace_id and p.id = e.profile_id)`,
    );
    expect(Number(orphans)).toBe(0);
    const [{ n: badIdentities }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from identities i where i.workspace_id = ${ws}::uuid
          and not exists (select 1 from profiles p where p.workspace_id = i.workspace_id and p.id = i.profile_id)`,
    );
    expect(Number(badIdentities)).toBe(0);
    const { stored, computed } = await rollupsVsEvents(t.db, ws);
    expect(stored).toEqual(computed);
  });

  it("creates exactly one profile when many batches bring the same new anonymousId at once", async () => {
    const ws = await newWorkspace(t.db, "Same");
    await Promise.all(
      Array.from({ length: 10 }, (_, b) => ingest(t.db, ws, [{ type: "track", anonymousId: "brand-new", event: "Hit", messageId: `same-${b}` }], { group })),
    );
    const rows = await queryRows<{ n: number; events: number }>(
      t.db,
      sql`select (select count(*)::int from profiles where workspace_id = ${ws}::uuid) as n,
                 (select count(*)::int from events where workspace_id = ${ws}::uuid) as events`,
    );
    expect(rows[0]).toEqual({ n: 1, events: 10 });
  });

  it("creates exactly one profile when many batches bring the same new userId with different devices", async () => {
    const ws = await newWorkspace(t.db, "SameUser");
    await Promise.all(
      Array.from({ length: 12 }, (_, b) =>
        ingest(t.db, ws, [
          { type: "track", anonymousId: `device-${b}`, event: "Opened", messageId: `open-${b}` },
          { type: "identify", userId: "racer", anonymousId: `device-${b}`, traits: { [`d${b}`]: true }, messageId: `id-${b}` },
        ], { group }),
      ),
    );
    const profiles = await queryRows<{ user_id: string; anonymous_ids: string[]; traits: Record<string, boolean> }>(
      t.db,
      sql`select user_id, anonymous_ids, traits from profiles where workspace_id = ${ws}::uuid`,
    );
    expect(profiles).toHaveLength(1);
    expect(profiles[0].anonymous_ids.sort()).toEqual(Array.from({ length: 12 }, (_, b) => `device-${b}`).sort());
    expect(Object.keys(profiles[0].traits)).toHaveLength(12);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from events where workspace_id = ${ws}::uuid`);
    expect(Number(n)).toBe(24);
  });
});
