/**
 * Extra generators for the fast engine's differential test. The rule arbitraries of lib/rules
 * rarely produce what rollups answer (a count with no filter or one equals/one_of on a rolled-up
 * property, no `since`) and their data rarely sits on UTC midnights; these steer both there, so
 * the split between whole days (rollups) and partial days (raw events) is exercised at its edges.
 */
import fc from "fast-check";
import type { Rule, RuleInput } from "@/lib/rules/ast";
import { parse } from "@/lib/rules/parse";
import { ruleArb, populationArb, type GeneratedEvent, type GeneratedProfile } from "@/lib/rules/__tests__/arbitraries";
import { DAY, MINUTE, STRINGS, T, TEST_CATALOG, iso } from "@/lib/rules/__tests__/fixtures";

const midnight = (daysAgo: number) => Math.floor(T / DAY) * DAY - daysAgo * DAY;

/** UTC midnights around every window edge, ±1 ms, plus the last instants of days. */
const EDGE_INSTANTS = [0, 1, 2, 6, 7, 8, 9, 10, 13, 14, 29, 30, 31].flatMap((d) => [midnight(d) - 1, midnight(d), midnight(d) + 1]);

/** Windows whose edges fall on, just before and just after midnights, besides the shared ones. */
const EDGE_WINDOWS: unknown[] = [
  { kind: "between", from: iso(midnight(7)), to: iso(midnight(2)) },
  { kind: "between", from: iso(midnight(7) + 1), to: iso(midnight(2) - 1) },
  { kind: "between", from: iso(midnight(7) - 1), to: iso(midnight(1) + 1) },
  { kind: "between", from: iso(midnight(10)), to: iso(midnight(10) + DAY - 1) },
  { kind: "between", from: iso(midnight(3) + 5 * MINUTE), to: iso(midnight(3) + 6 * MINUTE) },
  { kind: "between", from: "2025-05-01", to: "2025-07-01" },
  { kind: "last", amount: 2, unit: "days" },
  { kind: "last", amount: 36, unit: "hours" },
  { kind: "last", amount: 9000, unit: "minutes" },
  { kind: "ever" },
];

const ROLLED = { "Page Viewed": "category", "Product Added": "category" } as const;
/** Values that fold together in ASCII ("Sports") and apart outside it ("Ä", "STRASSE"), for filters and data. */
const COLLIDING = ["sports", "Sports", "SPORTS", "ä", "Ä", "straße", "STRASSE", ""];

type Json = Record<string, unknown>;

/**
 * Rewrites some event conditions of a rule into rollup-answerable counts and gives some of them
 * edge windows; `choices` drives every decision so fast-check can shrink it.
 */
function steer(node: Json, choices: number[]): Json {
  const next = () => choices.shift() ?? 0;
  if (node.type === "group") return { ...node, children: (node.children as Json[]).map((c) => steer(c, choices)) };
  if (node.type !== "event") return node;
  let out: Json = { ...node };
  if (next() % 3 === 0) out.window = EDGE_WINDOWS[next() % EDGE_WINDOWS.length];
  const dim = ROLLED[out.event as keyof typeof ROLLED];
  if (next() % 2 === 0) {
    const { since: _since, ...rest } = out;
    const filter = !dim || next() % 3 === 0
      ? []
      : next() % 2 === 0
        ? [{ property: dim, operator: "equals", value: COLLIDING[next() % COLLIDING.length] }]
        : [{ property: dim, operator: "one_of", value: [COLLIDING[next() % COLLIDING.length], STRINGS[next() % STRINGS.length]] }];
    const count = [
      { op: "at_least", value: 1 + (next() % 3) }, { op: "at_most", value: next() % 3 }, { op: "exactly", value: next() % 3 },
      { op: "between", value: 1, value2: 2 }, { op: "between", value: 0, value2: 1 }, { op: "exactly", value: 0 },
    ][next() % 6];
    out = { ...rest, measure: { kind: "count" }, filters: filter, comparison: count };
  }
  return out;
}

/** Valid rules, about half of whose event conditions rollups can answer. */
export const steeredRuleArb: fc.Arbitrary<RuleInput> = fc
  .tuple(ruleArb, fc.array(fc.nat({ max: 1000 }), { minLength: 40, maxLength: 40 }))
  .map(([rule, choices]) => steer(rule as Json, [...choices]) as RuleInput);

const edgeEventArb: fc.Arbitrary<GeneratedEvent & { owner: number }> = fc.record({
  owner: fc.nat({ max: 1000 }),
  event: fc.constantFrom("Page Viewed", "Page Viewed", "Product Added", "Order Completed"),
  properties: fc.record(
    { category: fc.oneof(fc.constantFrom<unknown>(...COLLIDING), fc.constantFrom<unknown>(...STRINGS, 5, null)), revenue: fc.constantFrom(0.1, 0.2, 19.99, 1), price: fc.constantFrom(0.1, 2) },
    { requiredKeys: [] },
  ),
  timestamp: fc.constantFrom(...EDGE_INSTANTS),
});

/** populationArb plus events on UTC midnights (±1 ms), several per day, spread over its profiles. */
export const edgePopulationArb: fc.Arbitrary<GeneratedProfile[]> = fc
  .tuple(populationArb, fc.array(edgeEventArb, { minLength: 20, maxLength: 60 }))
  .map(([population, extra]) => {
    const out = population.map((p) => ({ ...p, events: [...p.events] }));
    // fast-check builds records without a prototype; the database driver wants plain objects.
    for (const { owner, event, properties, timestamp } of extra) out[owner % out.length].events.push({ event, properties: { ...properties }, timestamp });
    return out;
  });

/** Segments the random rules refer to (SEGMENT_KEYS of the arbitraries), one answered by rollups. */
export const SEGMENTS: Record<string, RuleInput> = {
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

export function mustParse(json: unknown, segmentKey?: string): Rule {
  const result = parse(json, TEST_CATALOG, { lookupSegment: (k) => SEGMENTS[k], segmentKey });
  if (!result.ok) throw new Error(`generator produced an invalid rule: ${JSON.stringify(result.errors)}\n${JSON.stringify(json)}`);
  return result.rule;
}
export const segmentRules = Object.fromEntries(Object.entries(SEGMENTS).map(([k, v]) => [k, mustParse(v, k)])) as Record<string, Rule>;
