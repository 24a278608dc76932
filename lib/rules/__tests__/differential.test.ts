/**
 * The two engines must agree: for random valid rules over random populations (stored in a real
 * database), the profiles `compileToSql` selects are exactly those `evaluate` accepts. Runs on
 * PGlite and, with DATABASE_URL, on PostgreSQL. A disagreement is a bug in one engine.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import type { Rule, RuleInput } from "../ast";
import { compileToSql } from "../compile-sql";
import { evaluate } from "../evaluate";
import { inlineSegments } from "../inline-segments";
import { parse } from "../parse";
import { SEGMENT_KEYS, populationArb, ruleArb } from "./arbitraries";
import { NOW, TEST_CATALOG } from "./fixtures";
import { insertPopulation, loadStoredFacts } from "./population-db";

const RUNS = Number(process.env.RULES_DIFF_RUNS ?? 8);
const RULES_PER_RUN = Number(process.env.RULES_DIFF_RULES ?? 100);

const SEGMENTS: Record<(typeof SEGMENT_KEYS)[number], RuleInput> = {
  vip: {
    type: "group", op: "or", children: [
      { type: "trait", field: "traits.plan", operator: "equals", value: "pro" },
      { type: "trait", field: "traits.score", operator: "gte", value: 10 },
    ],
  },
  active: { type: "event", event: "Page Viewed", comparison: { op: "at_least", value: 2 }, window: { kind: "last", amount: 7, unit: "days" } },
  eu: {
    type: "group", op: "and", children: [
      { type: "trait", field: "context.country", operator: "one_of", value: ["de", "CA"] },
      { type: "segment", op: "in", segment: "vip" },
    ],
  },
};

function mustParse(json: unknown, segmentKey?: string): Rule {
  const result = parse(json, TEST_CATALOG, { lookupSegment: (k) => SEGMENTS[k as keyof typeof SEGMENTS], segmentKey });
  if (!result.ok) throw new Error(`generator produced an invalid rule: ${JSON.stringify(result.errors)}\n${JSON.stringify(json)}`);
  return result.rule;
}
const segmentRules = Object.fromEntries(Object.entries(SEGMENTS).map(([k, v]) => [k, mustParse(v, k)])) as Record<string, Rule>;

describe.each(testEngines())("evaluate and compileToSql agree on %s", (engine) => {
  let t: TestDb;
  let checked = 0;
  beforeAll(async () => {
    t = await createTestDb(engine);
    // Dates without an offset mean UTC whatever the session's time zone is.
    if (engine === "pglite") await t.db.execute(sql`set time zone 'America/New_York'`);
  });
  afterAll(async () => t?.close());

  it(`selects the same profiles for ${RUNS * RULES_PER_RUN} random rules`, async () => {
    const ctx = inlineSegments((key) => segmentRules[key], NOW);
    await fc.assert(
      fc.asyncProperty(populationArb, fc.array(ruleArb, { minLength: RULES_PER_RUN, maxLength: RULES_PER_RUN }), async (population, rules) => {
        const { workspaceId } = await insertPopulation(t, population, "diff");
        const facts = await loadStoredFacts(t, workspaceId, segmentRules);
        for (const json of rules) {
          const rule = mustParse(json);
          const expected = [...facts].filter(([, f]) => evaluate(rule, f, NOW)).map(([id]) => id).sort();
          const rows = await queryRows<{ id: string }>(
            t.db,
            sql`select p.id from profiles p where p.workspace_id = ${workspaceId} and ${compileToSql(rule, NOW, ctx)}`,
          );
          const actual = rows.map((r) => r.id).sort();
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            const differing = [...new Set([...actual, ...expected])].filter((id) => actual.includes(id) !== expected.includes(id));
            const f = facts.get(differing[0])!;
            throw new Error(
              `engines disagree on ${differing.length} profile(s)\nrule: ${JSON.stringify(rule)}\n` +
                `first: sql=${actual.includes(differing[0])} evaluate=${expected.includes(differing[0])}\n` +
                `profile: ${JSON.stringify(f.profile)}\nevents: ${JSON.stringify(f.events)}`,
            );
          }
          checked++;
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(checked).toBe(RUNS * RULES_PER_RUN);
  });
});
