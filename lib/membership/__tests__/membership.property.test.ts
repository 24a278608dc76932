/**
 * The stored membership always equals the set `compileToSql` selects: for random populations and
 * random rules (segment references included), after recomputeMembers (TypeScript engine, per
 * profile) and after reconcileSegments (SQL, per segment), at several instants, in either order.
 * The enter/exit log always sums to the stored size.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { events, profiles, workspaces } from "@/db/schema";
import type { Rule, RuleInput } from "@/lib/rules/ast";
import { compileToSql } from "@/lib/rules/compile-sql";
import { inlineSegments } from "@/lib/rules/inline-segments";
import { parse } from "@/lib/rules/parse";
import { populationArb, ruleArb, SEGMENT_KEYS, type GeneratedProfile } from "@/lib/rules/__tests__/arbitraries";
import { INSTANTS, NOW, TEST_CATALOG } from "@/lib/rules/__tests__/fixtures";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { recomputeMembers } from "../recompute-members";
import { reconcileSegments } from "../reconcile-segment";
import { addSegment, membersByKey } from "./helpers";

const RUNS = Number(process.env.MEMBERSHIP_PROP_RUNS ?? 4);
const DAY = 86_400_000;

const BASE: Record<(typeof SEGMENT_KEYS)[number], RuleInput> = {
  vip: { type: "group", op: "or", children: [{ type: "trait", field: "traits.plan", operator: "equals", value: "pro" }, { type: "trait", field: "traits.score", operator: "gte", value: 10 }] },
  active: { type: "event", event: "Page Viewed", comparison: { op: "at_least", value: 2 }, window: { kind: "last", amount: 7, unit: "days" } },
  eu: { type: "group", op: "and", children: [{ type: "trait", field: "context.country", operator: "one_of", value: ["de", "CA"] }, { type: "segment", op: "in", segment: "vip" }] },
};

function mustParse(json: unknown, segmentKey?: string): Rule {
  const result = parse(json, TEST_CATALOG, { lookupSegment: (k) => BASE[k as keyof typeof BASE], segmentKey });
  if (!result.ok) throw new Error(`invalid generated rule: ${JSON.stringify(result.errors)}`);
  return result.rule;
}

/** Profiles with two events of one name at one edge instant each: they catch facts loaded too narrowly. */
function edgeProfiles(): GeneratedProfile[] {
  return TEST_CATALOG.events.flatMap(({ event }) =>
    INSTANTS.map((at) => ({
      userIdPrefix: null, traits: {}, context: {}, firstSeenAt: at, lastSeenAt: at,
      events: [0, 1].map(() => ({ event, properties: {}, timestamp: at })),
    })),
  );
}

async function insertPopulation(t: TestDb, population: GeneratedProfile[]) {
  const [ws] = await t.db.insert(workspaces).values({ slug: `prop-${randomUUID()}`, name: "prop" }).returning();
  const rows = population.map((p, i) => ({
    workspaceId: ws.id, id: randomUUID(), userId: p.userIdPrefix === null ? null : `${p.userIdPrefix}${i}`,
    traits: p.traits, context: p.context, firstSeenAt: new Date(p.firstSeenAt), lastSeenAt: new Date(p.lastSeenAt),
  }));
  await t.db.insert(profiles).values(rows);
  const eventRows = population.flatMap((p, i) =>
    p.events.map((e) => ({ workspaceId: ws.id, profileId: rows[i].id, messageId: randomUUID(), type: "track", event: e.event, properties: e.properties, timestamp: new Date(e.timestamp) })),
  );
  if (eventRows.length) await t.db.insert(events).values(eventRows);
  return { workspaceId: ws.id, ids: rows.map((r) => r.id) };
}

/** What compileToSql selects for every segment as of `now`, in the shape of membersByKey. */
async function expectedMembers(t: TestDb, workspaceId: string, rules: Map<string, Rule>, now: Date) {
  const ctx = inlineSegments((k) => rules.get(k), now);
  const expected: Record<string, string[]> = {};
  for (const [key, rule] of rules) {
    const rows = await queryRows<{ id: string }>(t.db, sql`select p.id::text as id from profiles p where p.workspace_id = ${workspaceId}::uuid and ${compileToSql(rule, now, ctx)} order by p.id`);
    if (rows.length) expected[key] = rows.map((r) => r.id);
  }
  return expected;
}

async function logBalances(t: TestDb, workspaceId: string) {
  return queryRows<{ key: string; logged: number; stored: number }>(
    t.db,
    sql`select s.key,
          (select count(*) filter (where kind = 'enter') - count(*) filter (where kind = 'exit') from segment_membership_changes c where c.workspace_id = s.workspace_id and c.segment_id = s.id)::int as logged,
          (select count(*) from segment_members m where m.workspace_id = s.workspace_id and m.segment_id = s.id)::int as stored
        from segments s where s.workspace_id = ${workspaceId}::uuid`,
  );
}

describe.each(testEngines())("stored membership equals compileToSql on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  // Alone in their workspace, so no other rule widens the event history that gets loaded.
  it.each<[string, RuleInput]>([
    ["last 7 days", { type: "event", event: "Page Viewed", comparison: { op: "at_least", value: 2 }, window: { kind: "last", amount: 7, unit: "days" } }],
    ["last 60 minutes", { type: "event", event: "Order Completed", window: { kind: "last", amount: 60, unit: "minutes" } }],
    ["last 24 hours, at most", { type: "event", event: "Signed Up", comparison: { op: "at_most", value: 1 }, window: { kind: "last", amount: 24, unit: "hours" } }],
    ["between dates", { type: "event", event: "Page Viewed", window: { kind: "between", from: "2025-06-01", to: "2025-06-14" } }],
    ["since", { type: "event", event: "Product Added", window: { kind: "last", amount: 1, unit: "days" }, since: { event: "Order Completed" } }],
  ])("loads just enough history for a window: %s", async (_name, json) => {
    const { workspaceId, ids } = await insertPopulation(t, [
      ...edgeProfiles(),
      { userIdPrefix: null, traits: {}, context: {}, firstSeenAt: NOW.getTime(), lastSeenAt: NOW.getTime(), events: [
        { event: "Order Completed", properties: {}, timestamp: NOW.getTime() - 40 * DAY },
        { event: "Product Added", properties: {}, timestamp: NOW.getTime() - 2 * 3_600_000 },
      ] },
    ]);
    const rules = new Map([["only", mustParse(json, "only")]]);
    await addSegment(t.db, workspaceId, "only", rules.get("only"));
    for (const now of [NOW, new Date(NOW.getTime() + DAY)]) {
      await recomputeMembers(t.db, { workspaceId, profileIds: ids, now });
      const expected = await expectedMembers(t, workspaceId, rules, now);
      expect(expected.only?.length ?? 0).toBeGreaterThan(0);
      expect(await membersByKey(t.db, workspaceId)).toEqual(expected);
    }
  });

  it(`holds for ${RUNS} random populations × (3 base + 6 random) segments`, async () => {
    await fc.assert(
      fc.asyncProperty(populationArb, fc.array(ruleArb, { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 10 }), async (population, randomRules, laterDays) => {
        const { workspaceId, ids } = await insertPopulation(t, [...population, ...edgeProfiles()]);
        const rules = new Map<string, Rule>();
        for (const key of SEGMENT_KEYS) rules.set(key, mustParse(BASE[key], key));
        randomRules.forEach((json, i) => rules.set(`r${i}`, mustParse(json)));
        for (const [key, rule] of rules) await addSegment(t.db, workspaceId, key, rule);
        const keys = [...rules.keys()];
        const later = new Date(NOW.getTime() + laterDays * DAY);

        await recomputeMembers(t.db, { workspaceId, profileIds: ids, now: NOW });
        expect(await membersByKey(t.db, workspaceId)).toEqual(await expectedMembers(t, workspaceId, rules, NOW));

        // Nothing left for the SQL engine to fix, then time passes and the SQL engine catches up.
        const again = await reconcileSegments(t.db, { workspaceId, segmentKeys: keys, now: NOW });
        expect(again.filter((r) => r.entered + r.exited > 0 || r.error)).toEqual([]);
        await reconcileSegments(t.db, { workspaceId, segmentKeys: keys, now: later });
        expect(await membersByKey(t.db, workspaceId)).toEqual(await expectedMembers(t, workspaceId, rules, later));

        // And back: the TypeScript engine agrees with the SQL engine's state at the earlier instant.
        await recomputeMembers(t.db, { workspaceId, profileIds: ids, now: NOW });
        expect(await membersByKey(t.db, workspaceId)).toEqual(await expectedMembers(t, workspaceId, rules, NOW));
        for (const b of await logBalances(t, workspaceId)) expect(b.logged, b.key).toBe(b.stored);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
