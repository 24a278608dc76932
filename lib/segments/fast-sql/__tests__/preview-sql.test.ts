/**
 * The preview's queries must give exactly what `evaluate` implies: the mask histogram's total,
 * count and per-condition counts, and both ways of finding the sample (the bounded walk over the
 * most recently seen profiles, and the set-based pass) — including ties on last_seen_at, which
 * the id breaks. And previewRule end to end, on a population large enough to take the walk.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { events, profiles, workspaces } from "@/db/schema";
import type { Rule, RuleInput } from "@/lib/rules/ast";
import { evaluate, type Facts } from "@/lib/rules/evaluate";
import { inlineSegments } from "@/lib/rules/inline-segments";
import { parse } from "@/lib/rules/parse";
import type { GeneratedProfile } from "@/lib/rules/__tests__/arbitraries";
import { NOW, TEST_CATALOG } from "@/lib/rules/__tests__/fixtures";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { audienceIndexStats } from "../../audience-index/registry";
import { previewRule } from "../../preview-rule";
import { rebuildRollups } from "../../rollups";
import { inlineFastSegments } from "../inline-fast-segments";
import { previewPassSql, readPreviewPass, topLevelConditions, type MaskRow } from "../preview-sql";
import { passSampleSql, walkSampleSql } from "../sample-sql";
import { edgePopulationArb, steeredRuleArb } from "./edge-data";

const RUNS = Number(process.env.RULES_DIFF_RUNS ?? 4);
const RULES_PER_RUN = 25;
const SEGMENTS: Record<string, RuleInput> = {
  vip: { type: "trait", field: "traits.plan", operator: "equals", value: "pro" },
  active: { type: "event", event: "Page Viewed", comparison: { op: "at_least", value: 2 }, window: { kind: "last", amount: 7, unit: "days" } },
  eu: { type: "trait", field: "context.country", operator: "one_of", value: ["de", "CA"] },
};
const columns = sql`p.id`;

function mustParse(json: unknown, segmentKey?: string): Rule {
  const result = parse(json, TEST_CATALOG, { lookupSegment: (k) => SEGMENTS[k], segmentKey });
  if (!result.ok) throw new Error(`invalid rule: ${JSON.stringify(result.errors)}`);
  return result.rule;
}
const segmentRules = Object.fromEntries(Object.entries(SEGMENTS).map(([k, v]) => [k, mustParse(v, k)])) as Record<string, Rule>;

interface Stored { id: string; lastSeenAt: number; facts: Facts }

async function store(t: TestDb, population: GeneratedProfile[]): Promise<{ workspaceId: string; stored: Stored[] }> {
  const [ws] = await t.db.insert(workspaces).values({ slug: `preview-${randomUUID()}`, name: "preview" }).returning();
  const rows = population.map((p, i) => ({
    workspaceId: ws.id, id: randomUUID(), userId: p.userIdPrefix === null ? null : `${p.userIdPrefix}${i}`,
    traits: p.traits, context: p.context, firstSeenAt: new Date(p.firstSeenAt), lastSeenAt: new Date(p.lastSeenAt),
  }));
  await t.db.insert(profiles).values(rows);
  const eventRows = population.flatMap((p, i) => p.events.map((e) => ({
    workspaceId: ws.id, profileId: rows[i].id, messageId: randomUUID(), type: "track", event: e.event, properties: e.properties, timestamp: new Date(e.timestamp),
  })));
  if (eventRows.length) await t.db.insert(events).values(eventRows);
  await rebuildRollups(t.db, ws.id);
  const stored = rows.map((r, i): Stored => {
    const facts: Facts = {
      profile: { userId: r.userId, traits: r.traits, context: r.context, firstSeenAt: r.firstSeenAt, lastSeenAt: r.lastSeenAt },
      events: population[i].events.map((e) => ({ event: e.event, properties: e.properties, timestamp: new Date(e.timestamp) })),
      segments: (key) => evaluate(segmentRules[key], facts, NOW),
    };
    return { id: r.id, lastSeenAt: r.lastSeenAt.getTime(), facts };
  });
  // Most recently seen first, ties by id: the order samples are taken in.
  stored.sort((a, b) => b.lastSeenAt - a.lastSeenAt || (a.id < b.id ? -1 : 1));
  return { workspaceId: ws.id, stored };
}

describe.each(testEngines())("preview queries on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("count, per-condition counts and samples equal what evaluate implies", async () => {
    await fc.assert(
      fc.asyncProperty(edgePopulationArb, fc.array(steeredRuleArb, { minLength: RULES_PER_RUN, maxLength: RULES_PER_RUN }), async (population, rules) => {
        const { workspaceId, stored } = await store(t, population);
        const fast = inlineFastSegments((k) => segmentRules[k], NOW, { workspaceId, rollups: true });
        const reference = inlineSegments((k) => segmentRules[k], NOW);
        for (const json of rules) {
          const rule = mustParse(json);
          const matches = (s: Stored) => evaluate(rule, s.facts, NOW);
          const parts = topLevelConditions(rule);
          const pass = readPreviewPass(rule, await queryRows<MaskRow>(t.db, previewPassSql(rule, NOW, fast)));
          expect(pass).toEqual({
            total: stored.length,
            count: stored.filter(matches).length,
            perCondition: parts.map((part) => stored.filter((s) => evaluate(part as Rule, s.facts, NOW)).length),
          });
          for (const size of [1, 3, 10]) {
            const ids = async (q: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(t.db, q)).map((r) => r.id);
            expect(await ids(passSampleSql({ rule, now: NOW, ctx: fast, columns, size }))).toEqual(stored.filter(matches).slice(0, size).map((s) => s.id));
            for (const walk of [5, 17]) {
              expect(await ids(walkSampleSql({ rule, now: NOW, ctx: reference, workspaceId, columns, size, walk })))
                .toEqual(stored.slice(0, walk).filter(matches).slice(0, size).map((s) => s.id));
            }
          }
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it.each(["database", "auto"] as const)("previewRule (%s) answers common, rare and everyone rules with the newest members", async (countIn) => {
    const base = { userIdPrefix: null, context: {}, firstSeenAt: NOW.getTime() - 86_400_000, events: [] };
    // 300 profiles, last seen one minute apart; every other one is on the pro plan, one is "rare".
    const population: GeneratedProfile[] = Array.from({ length: 300 }, (_, i) => ({
      ...base, traits: { plan: i % 2 ? "pro" : "free", ...(i === 250 ? { score: 7 } : {}) }, lastSeenAt: NOW.getTime() - i * 60_000,
    }));
    const { workspaceId, stored } = await store(t, population);
    const run = async (json: RuleInput, sampleSize: number) => {
      const rule = mustParse(json);
      const result = await previewRule(t.db, { workspaceId, rule, catalog: TEST_CATALOG, stored: new Map(), now: NOW, sampleSize, engine: countIn });
      const expected = stored.filter((s) => evaluate(rule, s.facts, NOW));
      expect(result).toMatchObject({ count: expected.length, total: 300, timedOut: false });
      expect(result.sample.map((m) => m.id)).toEqual(expected.slice(0, sampleSize).map((s) => s.id));
    };
    await run({ type: "trait", field: "traits.plan", operator: "equals", value: "PRO" }, 1);
    await run({ type: "trait", field: "traits.score", operator: "equals", value: 7 }, 10);
    await run({ type: "group", op: "and", children: [] }, 0);
    // "auto" answered from the audience index, "database" never built one.
    expect(audienceIndexStats(t.db).find((e) => e.workspaceId === workspaceId)?.status).toBe(countIn === "auto" ? "ready" : undefined);
  });
});
