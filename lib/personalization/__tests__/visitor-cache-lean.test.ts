import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "@/lib/ingest/__tests__/helpers";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import "../register";
import { decide, type Decision } from "../decide";
import { settleVisitorCache, visitorCacheStats } from "../visitor-cache";
import { liveExperience, seedWorkspace, variant } from "./helpers";

const PRO = { type: "trait", field: "traits.plan", operator: "equals", value: "pro" };
const WINDOW = 20;

/**
 * A database whose visitor cache holds `maxEntries` and checks every WINDOW lookups (the cache
 * reads its sizes when it starts for a database, so they are set before the first decision), with
 * one live experience: pro-plan visitors get "pro", everyone else "generic".
 */
async function cachedWorkspace(engine: Parameters<typeof createTestDb>[0], maxEntries: number): Promise<{ t: TestDb; ws: string }> {
  process.env.TAILOR_VISITOR_CACHE_MAX = String(maxEntries);
  process.env.TAILOR_VISITOR_CACHE_WINDOW = String(WINDOW);
  const t = await createTestDb(engine);
  const ws = await seedWorkspace(t.db);
  await liveExperience(t.db, ws, {
    key: "hero",
    rules: [{ id: "pros", audience: { rule: PRO }, variant: "pro" }],
    variants: { pro: variant("Pro"), generic: variant("Hello") },
    defaultVariant: "generic",
  });
  return { t, ws };
}

async function closeCached(t: TestDb | undefined): Promise<void> {
  delete process.env.TAILOR_VISITOR_CACHE_MAX;
  delete process.env.TAILOR_VISITOR_CACHE_WINDOW;
  await t?.close();
}

// A cache far smaller than the visitors who come by: it must stop paying for loads it never reuses,
// keep deciding exactly as before, and keep visitors again once they come back.
describe.each(testEngines())("visitor cache lean mode on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    ({ t, ws } = await cachedWorkspace(engine, 8));
    // Even-numbered visitors are on the pro plan.
    await ingest(t.db, ws, Array.from({ length: 30 }, (_, i) => ({ type: "identify", userId: `v${i}`, traits: { plan: i % 2 === 0 ? "pro" : "free" } })));
    await settleVisitorCache(t.db);
    expect(visitorCacheStats(t.db)).toMatchObject({ status: "on", mode: "keep" });
  });
  afterAll(() => closeCached(t));

  const stats = () => visitorCacheStats(t.db)!;
  /** Decides for visitor `i` and checks the answer against the plan it was given. */
  const decideFor = async (i: number) => {
    const d = (await decide(t.db, { workspaceId: ws, slotKey: "home-hero", context: { targetingKey: `v${i}` } }, { record: false })) as Decision;
    expect(d.variant, `visitor v${i}`).toBe(i % 2 === 0 ? "pro" : "generic");
  };

  it("goes lean while visitors do not come back within the cache, and keeps them again once they do", async () => {
    // 30 visitors in turn through 8 entries: nothing is ever found again. The lookup that ends the
    // window switches the mode, and is itself served lean.
    for (let n = 0; n < WINDOW; n++) await decideFor(n % 30);
    expect(stats()).toMatchObject({ mode: "lean", hits: 0, misses: WINDOW - 1, lean: 1 });

    // Lean: every lookup is loaded for the asked slot only, and only its key is remembered.
    for (let n = WINDOW; n < 2 * WINDOW; n++) await decideFor(n % 30);
    expect(stats()).toMatchObject({ mode: "lean", hits: 0, misses: WINDOW - 1, lean: WINDOW + 1, entries: 0 });

    // Two visitors coming back: after their first loads, 18 of 20 lookups find them remembered, and
    // the last one is already loaded to be kept.
    for (let n = 0; n < WINDOW; n++) await decideFor(n % 2);
    expect(stats()).toMatchObject({ mode: "keep", hits: 0, misses: WINDOW, lean: 2 * WINDOW, entries: 1 });

    // Keeping again: the other one is loaded once for the cache, then both are served from memory.
    for (let n = 0; n < 6; n++) await decideFor(n % 2);
    expect(stats()).toMatchObject({ mode: "keep", hits: 5, misses: WINDOW + 1, lean: 2 * WINDOW, entries: 2 });
  });

  it("decides from fresh facts in lean mode too", async () => {
    for (let n = 0; n < WINDOW; n++) await decideFor(10 + (n % 20));
    expect(stats().mode).toBe("lean");
    await ingest(t.db, ws, [{ type: "identify", userId: "v11", traits: { plan: "pro" } }]);
    const d = (await decide(t.db, { workspaceId: ws, slotKey: "home-hero", context: { targetingKey: "v11" } }, { record: false })) as Decision;
    expect(d.variant).toBe("pro");
  });
});

// A cache that is merely new finds no one either: it keeps visitors until it is full or a TTL old.
describe.each(testEngines())("a new visitor cache on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    ({ t, ws } = await cachedWorkspace(engine, 25));
    await settleVisitorCache(t.db);
  });
  afterAll(() => closeCached(t));

  it("keeps visitors through a first window of strangers, and goes lean once it is full", async () => {
    const stats = () => visitorCacheStats(t.db)!;
    const decideFor = (i: number) => decide(t.db, { workspaceId: ws, slotKey: "home-hero", context: { targetingKey: `s${i}` } }, { record: false });
    for (let i = 0; i < WINDOW; i++) await decideFor(i);
    expect(stats()).toMatchObject({ mode: "keep", misses: WINDOW, lean: 0, entries: WINDOW });
    // The next window fills the 25 entries with more strangers: now it is full and still finds no one.
    for (let i = WINDOW; i < 2 * WINDOW; i++) await decideFor(i);
    expect(stats()).toMatchObject({ mode: "lean", hits: 0, misses: 2 * WINDOW - 1, lean: 1 });
  });
});
