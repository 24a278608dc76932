/**
 * The fast engine must agree with `evaluate` exactly: for random valid rules over random
 * populations (with events on UTC midnights and window edges), the profiles compileToFastSql
 * selects — reading raw events only, and reading rollups built by rebuildRollups — are exactly
 * those `evaluate` accepts. Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { events, profiles, workspaces } from "@/db/schema";
import type { Rule, RuleInput } from "@/lib/rules/ast";
import { evaluate, type Facts } from "@/lib/rules/evaluate";
import { parse } from "@/lib/rules/parse";
import type { GeneratedProfile } from "@/lib/rules/__tests__/arbitraries";
import { NOW, TEST_CATALOG } from "@/lib/rules/__tests__/fixtures";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { rebuildRollups, rollupsReady } from "../../rollups";
import { inlineFastSegments } from "../inline-fast-segments";
import { compileToFastSql } from "../compile-to-fast-sql";
import { edgePopulationArb, steeredRuleArb } from "./edge-data";

const RUNS = Number(process.env.RULES_DIFF_RUNS ?? 8);
const RULES_PER_RUN = Number(process.env.RULES_DIFF_RULES ?? 100);

/** Segments the random rules refer to (SEGMENT_KEYS of the arbitraries), one answered by rollups. */
const SEGMENTS: Record<string, RuleInput> = {
  vip: {
    type: "group", op: "or", children: [
      { type: "trait", field: "traits.plan", operator: "equals", value: "pro" },
      { type: "trait", field: "traits.score", operator: "gte", value: 10 },
    ],
  },
  active: {
    type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "equals", value: "SPORTS" }],
    comparison: { op: "at_least", value: 2 }, window: { kind: "last", amount: 7, unit: "days" },
  },
  eu: {
    type: "group", op: "and", children: [
      { type: "trait", field: "context.country", operator: "one_of", value: ["de", "CA"] },
      { type: "segment", op: "in", segment: "vip" },
      { type: "event", event: "Order Completed", measure: { kind: "sum", property: "revenue" }, comparison: { op: "at_most", value: 0.3 } },
    ],
  },
};

function mustParse(json: unknown, segmentKey?: string): Rule {
  const result = parse(json, TEST_CATALOG, { lookupSegment: (k) => SEGMENTS[k], segmentKey });
  if (!result.ok) throw new Error(`generator produced an invalid rule: ${JSON.stringify(result.errors)}\n${JSON.stringify(json)}`);
  return result.rule;
}
const segmentRules = Object.fromEntries(Object.entries(SEGMENTS).map(([k, v]) => [k, mustParse(v, k)])) as Record<string, Rule>;

async function insertPopulation(t: TestDb, population: GeneratedProfile[]): Promise<string> {
  const [ws] = await t.db.insert(workspaces).values({ slug: `fast-${randomUUID()}`, name: "fast" }).returning();
  const rows = population.map((p, i) => ({
    workspaceId: ws.id, id: randomUUID(), userId: p.userIdPrefix === null ? null : `${p.userIdPrefix}${i}`,
    traits: p.traits, context: p.context, firstSeenAt: new Date(p.firstSeenAt), lastSeenAt: new Date(p.lastSeenAt),
  }));
  await t.db.insert(profiles).values(rows);
  const eventRows = population.flatMap((p, i) =>
    p.events.map((e) => ({
      workspaceId: ws.id, profileId: rows[i].id, messageId: randomUUID(), type: "track", event: e.event,
      properties: e.properties, timestamp: new Date(e.timestamp),
    })),
  );
  if (eventRows.length > 0) await t.db.insert(events).values(eventRows);
  return ws.id;
}

/** Facts read back from the database, so both engines see exactly the stored values. */
async function loadFacts(t: TestDb, workspaceId: string): Promise<Map<string, Facts>> {
  const profileRows = await t.db.select().from(profiles).where(eq(profiles.workspaceId, workspaceId));
  const eventRows = await t.db.select().from(events).where(eq(events.workspaceId, workspaceId));
  const facts = new Map<string, Facts>();
  for (const p of profileRows) {
    const f: Facts = {
      profile: { userId: p.userId, traits: p.traits, context: p.context, firstSeenAt: p.firstSeenAt, lastSeenAt: p.lastSeenAt },
      events: eventRows.filter((e) => e.profileId === p.id).map((e) => ({ event: e.event, properties: e.properties, timestamp: e.timestamp })),
      segments: (key) => evaluate(segmentRules[key], f, NOW),
    };
    facts.set(p.id, f);
  }
  return facts;
}

describe.each(testEngines())("evaluate and compileToFastSql agree on %s", (engine) => {
  let t: TestDb;
  let checked = 0;
  beforeAll(async () => {
    t = await createTestDb(engine);
    // Dates without an offset mean UTC, and rollup days are UTC days, whatever the session's time zone is.
    await t.db.execute(sql`set time zone 'America/New_York'`);
  });
  afterAll(async () => t?.close());

  it(`selects the same profiles for ${RUNS * RULES_PER_RUN} random rules, with and without rollups`, async () => {
    await fc.assert(
      fc.asyncProperty(edgePopulationArb, fc.array(steeredRuleArb, { minLength: RULES_PER_RUN, maxLength: RULES_PER_RUN }), async (population, rules) => {
        const workspaceId = await insertPopulation(t, population);
        expect(await rollupsReady(t.db, workspaceId)).toBe(false);
        await rebuildRollups(t.db, workspaceId);
        expect(await rollupsReady(t.db, workspaceId)).toBe(true);
        const facts = await loadFacts(t, workspaceId);
        const contexts = [true, false].map((rollups) => inlineFastSegments((key) => segmentRules[key], NOW, { workspaceId, rollups }));
        for (const json of rules) {
          const rule = mustParse(json);
          const expected = [...facts].filter(([, f]) => evaluate(rule, f, NOW)).map(([id]) => id).sort();
          for (const ctx of contexts) {
            const rows = await queryRows<{ id: string }>(
              t.db,
              sql`select p.id from profiles p where p.workspace_id = ${workspaceId} and ${compileToFastSql(rule, NOW, ctx)}`,
            );
            const actual = rows.map((r) => r.id).sort();
            if (JSON.stringify(actual) !== JSON.stringify(expected)) {
              const differing = [...new Set([...actual, ...expected])].filter((id) => actual.includes(id) !== expected.includes(id));
              const f = facts.get(differing[0])!;
              throw new Error(
                `engines disagree (rollups ${ctx.rollups}) on ${differing.length} profile(s)\nrule: ${JSON.stringify(rule)}\n` +
                  `first: sql=${actual.includes(differing[0])} evaluate=${expected.includes(differing[0])}\n` +
                  `profile: ${JSON.stringify(f.profile)}\nevents: ${JSON.stringify(f.events)}`,
              );
            }
          }
          checked++;
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(checked).toBe(RUNS * RULES_PER_RUN);
  });
});
