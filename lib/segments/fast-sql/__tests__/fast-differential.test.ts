/**
 * The fast engine must agree with `evaluate` exactly: for random valid rules over random
 * populations (with events on UTC midnights and window edges), the profiles compileToFastSql
 * selects — reading raw events only, and reading rollups built by rebuildRollups — are exactly
 * those `evaluate` accepts. Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { evaluate } from "@/lib/rules/evaluate";
import { NOW } from "@/lib/rules/__tests__/fixtures";
import { insertPopulation, loadStoredFacts } from "@/lib/rules/__tests__/population-db";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { rebuildRollups, rollupsReady } from "../../rollups";
import { inlineFastSegments } from "../inline-fast-segments";
import { compileToFastSql } from "../compile-to-fast-sql";
import { edgePopulationArb, mustParse, segmentRules, steeredRuleArb } from "./edge-data";

const RUNS = Number(process.env.RULES_DIFF_RUNS ?? 8);
const RULES_PER_RUN = Number(process.env.RULES_DIFF_RULES ?? 100);

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
        const { workspaceId } = await insertPopulation(t, population, "fast");
        expect(await rollupsReady(t.db, workspaceId)).toBe(false);
        await rebuildRollups(t.db, workspaceId);
        expect(await rollupsReady(t.db, workspaceId)).toBe(true);
        const facts = await loadStoredFacts(t, workspaceId, segmentRules);
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
