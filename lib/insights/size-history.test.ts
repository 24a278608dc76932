/**
 * The backfill must equal evaluating the rule at each day's end: for fixed shapes (what the
 * set-based query handles, and what it hands to the per-day fallback) and for random rules over
 * random populations with events on UTC midnights ±1 ms, the daily sizes, entries and exits of
 * backfillSizeHistory equal those of the reference SQL engine (`compileToSql` as of each day's
 * end, counting profiles first seen by then) — with rollups and without. PGlite and PostgreSQL.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import type { Rule, RuleInput } from "@/lib/rules/ast";
import { compileToSql } from "@/lib/rules/compile-sql";
import { inlineSegments } from "@/lib/rules/inline-segments";
import { DAY, NOW, T } from "@/lib/rules/__tests__/fixtures";
import { insertPopulation } from "@/lib/rules/__tests__/population-db";
import { edgePopulationArb, mustParse, segmentRules, steeredRuleArb } from "@/lib/segments/fast-sql/__tests__/edge-data";
import { rebuildRollups } from "@/lib/segments/rollups";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { backfillSizeHistory, endOfDay, type SizePoint } from "./size-history";

const DAYS = 12;
const RUNS = Number(process.env.HISTORY_DIFF_RUNS ?? 3);
const RULES_PER_RUN = Number(process.env.HISTORY_DIFF_RULES ?? 12);

const resolve = (key: string) => segmentRules[key];

const sports = (times: number, days: number): RuleInput => ({
  type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "equals", value: "sports" }],
  comparison: { op: "at_least", value: times }, window: { kind: "last", amount: days, unit: "days" },
});

/** Shapes by name, with the method the backfill must pick for them. */
const SHAPES: [string, RuleInput, "set" | "per_day"][] = [
  ["sports ≥ 2 in 7 days (rollups)", sports(2, 7), "set"],
  ["ordered ever, not in the last 5 days", { type: "group", op: "and", children: [{ type: "event", event: "Order Completed" }, { type: "event", event: "Order Completed", comparison: { op: "exactly", value: 0 }, window: { kind: "last", amount: 5, unit: "days" } }] }, "set"],
  ["revenue sum ≥ 0.3 in 10 days", { type: "event", event: "Order Completed", measure: { kind: "sum", property: "revenue" }, comparison: { op: "at_least", value: 0.3 }, window: { kind: "last", amount: 240, unit: "hours" } }, "set"],
  ["not (pro or sports ≥ 1 in 3 days)", { type: "group", op: "or", negate: true, children: [{ type: "trait", field: "traits.plan", operator: "equals", value: "pro" }, sports(1, 3)] }, "set"],
  ["in active, not in eu", { type: "group", op: "and", children: [{ type: "segment", op: "in", segment: "active" }, { type: "segment", op: "not_in", segment: "eu" }] }, "set"],
  ["trait only", { type: "trait", field: "context.country", operator: "equals", value: "US" }, "set"],
  ["between two dates", { type: "event", event: "Page Viewed", window: { kind: "between", from: new Date(T - 9 * DAY + 1).toISOString(), to: new Date(T - 4 * DAY - 1).toISOString() } }, "set"],
  ["added to cart since (fallback)", { type: "event", event: "Product Added", since: { event: "Order Completed" } }, "per_day"],
  ["first view within 7 days (fallback)", { type: "event", event: "Page Viewed", measure: { kind: "first" }, comparison: { op: "within_last_days", value: 7 } }, "per_day"],
];

/** The reference: members at each day's end by compileToSql, diffed day by day. */
async function referenceHistory(t: TestDb, workspaceId: string, rule: Rule): Promise<SizePoint[]> {
  const today = Math.floor(T / DAY);
  const members: Set<string>[] = [];
  for (let n = today - DAYS - 1; n < today; n++) {
    const at = endOfDay(n);
    const rows = await queryRows<{ id: string }>(
      t.db,
      sql`select p.id from profiles p where p.workspace_id = ${workspaceId}::uuid and p.first_seen_at <= ${at.toISOString()}::timestamptz
          and ${compileToSql(rule, at, inlineSegments(resolve, at))}`,
    );
    members.push(new Set(rows.map((r) => r.id)));
  }
  return members.slice(1).map((now, i) => {
    const before = members[i];
    return {
      day: new Date((today - DAYS + i) * DAY).toISOString().slice(0, 10),
      size: now.size,
      entries: [...now].filter((id) => !before.has(id)).length,
      exits: [...before].filter((id) => !now.has(id)).length,
    };
  });
}

describe.each(testEngines())("size history backfill on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    // Days are UTC days whatever the session's time zone is.
    await t.db.execute(sql`set time zone 'America/New_York'`);
  });
  afterAll(async () => t?.close());

  it("equals per-day evaluation for fixed shapes, and picks the set-based query where it can", async () => {
    const population = fc.sample(edgePopulationArb, { numRuns: 1, seed: 7 })[0];
    const plain = (await insertPopulation(t, population, "history")).workspaceId;
    const rolled = (await insertPopulation(t, population, "history")).workspaceId;
    await rebuildRollups(t.db, rolled);
    let nonEmpty = 0;
    for (const [name, json, method] of SHAPES) {
      const rule = mustParse(json);
      for (const workspaceId of [plain, rolled]) {
        const expected = await referenceHistory(t, workspaceId, rule);
        const actual = await backfillSizeHistory(t.db, { workspaceId, rule, resolve, now: NOW, days: DAYS });
        expect(actual.method, name).toBe(method);
        expect(actual.points, name).toEqual(expected);
        if (expected.some((p) => p.size > 0 && p.entries + p.exits > 0)) nonEmpty++;
      }
    }
    // The data must make the shapes move, or the comparison proves little.
    expect(nonEmpty).toBeGreaterThanOrEqual(SHAPES.length);
  });

  it(`equals per-day evaluation for ${RUNS * RULES_PER_RUN} random rules, with and without rollups`, async () => {
    let setBased = 0;
    await fc.assert(
      fc.asyncProperty(edgePopulationArb, fc.array(steeredRuleArb, { minLength: RULES_PER_RUN, maxLength: RULES_PER_RUN }), async (population, rules) => {
        const plain = (await insertPopulation(t, population, "history")).workspaceId;
        const rolled = (await insertPopulation(t, population, "history")).workspaceId;
        await rebuildRollups(t.db, rolled);
        for (const json of rules) {
          const rule = mustParse(json);
          for (const workspaceId of [plain, rolled]) {
            const expected = await referenceHistory(t, workspaceId, rule);
            const actual = await backfillSizeHistory(t.db, { workspaceId, rule, resolve, now: NOW, days: DAYS });
            if (JSON.stringify(actual.points) !== JSON.stringify(expected)) {
              throw new Error(`backfill (${actual.method}) differs for ${JSON.stringify(rule)}\nexpected ${JSON.stringify(expected)}\nactual   ${JSON.stringify(actual.points)}`);
            }
            if (actual.method === "set") setBased++;
          }
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(setBased).toBeGreaterThan(0);
  });
});
