/**
 * The audience index must agree with `evaluate` exactly: for random valid rules over random
 * populations (events on UTC midnights and window edges, sums that binary floating point gets
 * wrong), the profiles the index matches are exactly those `evaluate` accepts — right after a
 * build, and again after random changes (traits rewritten, events added, profiles deleted, events
 * moved by a merge) have been re-read profile by profile. Runs on PGlite and on PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, profiles } from "@/db/schema";
import type { Rule } from "@/lib/rules/ast";
import { evaluate, type Facts } from "@/lib/rules/evaluate";
import { profileArb, type GeneratedProfile } from "@/lib/rules/__tests__/arbitraries";
import { NOW } from "@/lib/rules/__tests__/fixtures";
import { insertPopulation, loadStoredFacts } from "@/lib/rules/__tests__/population-db";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { edgePopulationArb, mustParse, segmentRules, steeredRuleArb } from "../../fast-sql/__tests__/edge-data";
import type { AudienceIndex } from "../audience-index";
import { loadAudienceIndex, refreshProfiles } from "../load-index";
import { matchRule } from "../match-rule";

const RUNS = Number(process.env.RULES_DIFF_RUNS ?? 8);
const RULES_PER_RUN = Number(process.env.RULES_DIFF_RULES ?? 100);

function matched(index: AudienceIndex, rule: Rule): string[] {
  const bits = matchRule(index, rule, NOW, { resolve: (key) => segmentRules[key] });
  return Array.from({ length: index.size }, (_, slot) => slot).filter((slot) => bits[slot] === 1).map((slot) => index.idOf(slot)).sort();
}

function expectSame(index: AudienceIndex, facts: Map<string, Facts>, rule: Rule, when: string): void {
  const expected = [...facts].filter(([, f]) => evaluate(rule, f, NOW)).map(([id]) => id).sort();
  const actual = matched(index, rule);
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  const differing = [...new Set([...actual, ...expected])].filter((id) => actual.includes(id) !== expected.includes(id));
  const f = facts.get(differing[0]);
  throw new Error(
    `index and evaluate disagree ${when} on ${differing.length} profile(s)\nrule: ${JSON.stringify(rule)}\n` +
      `first: index=${actual.includes(differing[0])} evaluate=${expected.includes(differing[0])}\n` +
      `profile: ${JSON.stringify(f?.profile)}\nevents: ${JSON.stringify(f?.events)}`,
  );
}

/** Changes to apply after the build: each names profiles by their position in the population. */
const changeArb = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant("rewrite" as const), who: fc.nat(), as: profileArb }),
    fc.record({ kind: fc.constant("delete" as const), who: fc.nat() }),
    fc.record({ kind: fc.constant("merge" as const), who: fc.nat(), into: fc.nat() }),
    fc.record({ kind: fc.constant("add" as const), as: profileArb }),
  ),
  { minLength: 1, maxLength: 8 },
);

type Change = typeof changeArb extends fc.Arbitrary<(infer C)[]> ? C : never;

/** Applies the changes to the database; returns the ids they touched (what notifications would name). */
async function applyChanges(t: TestDb, workspaceId: string, ids: string[], changes: Change[]): Promise<string[]> {
  const touched = new Set<string>();
  const pick = (n: number) => ids[n % ids.length];
  for (const change of changes) {
    if (change.kind === "add") {
      const added = await insertIntoWorkspace(t, workspaceId, change.as);
      ids.push(added);
      touched.add(added);
      continue;
    }
    if (ids.length === 0) continue;
    const id = pick(change.who);
    touched.add(id);
    if (change.kind === "rewrite") {
      const p = change.as;
      await t.db.update(profiles).set({ traits: { ...p.traits }, context: { ...p.context }, lastSeenAt: new Date(p.lastSeenAt) })
        .where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, id)));
      if (p.events.length > 0) await t.db.insert(events).values(p.events.map((e) => eventRow(workspaceId, id, e)));
    } else if (change.kind === "delete") {
      await t.db.delete(events).where(and(eq(events.workspaceId, workspaceId), eq(events.profileId, id)));
      await t.db.delete(profiles).where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, id)));
      ids.splice(ids.indexOf(id), 1);
    } else {
      const into = pick(change.into);
      if (into === id) continue;
      touched.add(into);
      await t.db.update(events).set({ profileId: into }).where(and(eq(events.workspaceId, workspaceId), eq(events.profileId, id)));
      await t.db.delete(profiles).where(and(eq(profiles.workspaceId, workspaceId), inArray(profiles.id, [id])));
      ids.splice(ids.indexOf(id), 1);
    }
  }
  return [...touched];
}

const eventRow = (workspaceId: string, profileId: string, e: { event: string; properties: Record<string, unknown>; timestamp: number }) => ({
  workspaceId, profileId, messageId: randomUUID(), type: "track", event: e.event, properties: { ...e.properties }, timestamp: new Date(e.timestamp),
});

async function insertIntoWorkspace(t: TestDb, workspaceId: string, p: GeneratedProfile): Promise<string> {
  const id = randomUUID();
  await t.db.insert(profiles).values({ workspaceId, id, userId: null, traits: { ...p.traits }, context: { ...p.context }, firstSeenAt: new Date(p.firstSeenAt), lastSeenAt: new Date(p.lastSeenAt) });
  if (p.events.length > 0) await t.db.insert(events).values(p.events.map((e) => eventRow(workspaceId, id, e)));
  return id;
}

describe.each(testEngines())("the audience index and evaluate agree on %s", (engine) => {
  let t: TestDb;
  let checked = 0;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it(`match the same profiles for ${RUNS * RULES_PER_RUN} random rules, after a build and after changes`, async () => {
    await fc.assert(
      fc.asyncProperty(edgePopulationArb, fc.array(steeredRuleArb, { minLength: RULES_PER_RUN, maxLength: RULES_PER_RUN }), changeArb, async (population, rules, changes) => {
        const { workspaceId, ids } = await insertPopulation(t, population, "index");
        const index = await loadAudienceIndex(t.db, workspaceId, { maxBytes: Infinity });
        let facts = await loadStoredFacts(t, workspaceId, segmentRules);
        expect(index.alive).toBe(facts.size);
        const parsed = rules.map((json) => mustParse(json));
        for (const rule of parsed) {
          expectSame(index, facts, rule, "after the build");
          checked++;
        }
        const touched = await applyChanges(t, workspaceId, ids, changes);
        await refreshProfiles(t.db, index, touched);
        facts = await loadStoredFacts(t, workspaceId, segmentRules);
        expect(index.alive).toBe(facts.size);
        expect(index.eventCount()).toBe([...facts.values()].reduce((n, f) => n + f.events.length, 0));
        for (const rule of parsed.slice(0, 25)) expectSame(index, facts, rule, `after changes ${JSON.stringify(changes.map((c) => c.kind))}`);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(checked).toBe(RUNS * RULES_PER_RUN);
  });
});
