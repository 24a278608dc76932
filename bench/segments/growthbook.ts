/**
 * Tailor's evaluator against GrowthBook's `evalCondition` on equivalent trait-only conditions
 * over the same profiles. The conditions are chosen where both languages mean the same on the
 * demo data (exact-case values, numbers, presence), and the answers are checked to be equal.
 */
import { evalCondition } from "@growthbook/growthbook";
import type { Catalog } from "@/lib/rules/catalog";
import { compileEvaluator, type Facts } from "@/lib/rules/evaluate";
import { parse } from "@/lib/rules/parse";

interface Pair {
  name: string;
  tailor: unknown;
  growthbook: Record<string, unknown>;
}

const PAIRS: Pair[] = [
  { name: "equals", tailor: { type: "trait", field: "traits.country", operator: "equals", value: "US" }, growthbook: { "traits.country": "US" } },
  {
    name: "$in",
    tailor: { type: "trait", field: "traits.plan", operator: "one_of", value: ["plus", "premium"] },
    growthbook: { "traits.plan": { $in: ["plus", "premium"] } },
  },
  {
    name: "$gt/$lt",
    tailor: { type: "group", op: "and", children: [
      { type: "trait", field: "traits.age", operator: "gt", value: 30 },
      { type: "trait", field: "traits.age", operator: "lt", value: 50 },
    ] },
    growthbook: { "traits.age": { $gt: 30, $lt: 50 } },
  },
  { name: "$exists", tailor: { type: "trait", field: "traits.email", operator: "exists" }, growthbook: { "traits.email": { $exists: true } } },
  {
    name: "nested $and/$or",
    tailor: { type: "group", op: "and", children: [
      { type: "trait", field: "context.country", operator: "one_of", value: ["US", "GB", "DE"] },
      { type: "group", op: "or", children: [
        { type: "trait", field: "traits.lifecycle", operator: "equals", value: "customer" },
        { type: "trait", field: "traits.credit_score", operator: "gte", value: 700 },
        { type: "trait", field: "context.device", operator: "equals", value: "tablet" },
      ] },
    ] },
    growthbook: { $and: [
      { "context.country": { $in: ["US", "GB", "DE"] } },
      { $or: [{ "traits.lifecycle": "customer" }, { "traits.credit_score": { $gte: 700 } }, { "context.device": "tablet" }] },
    ] },
  },
];

const ROUNDS = 6;

export interface EvaluatorComparison {
  tailorPerSecond: number;
  growthbookPerSecond: number;
  ratio: number;
  profiles: number;
  matches: Record<string, number>;
}

/** Evaluations per second of both engines over `facts`, each condition timed for at least `minMs` per engine, in alternating rounds. */
export function compareWithGrowthBook(facts: Facts[], catalog: Catalog, now: Date, minMs = 300): EvaluatorComparison {
  const objects = facts.map((f) => ({ traits: f.profile.traits, context: f.profile.context, user_id: f.profile.userId }));
  let tailorEvals = 0, tailorMs = 0, gbEvals = 0, gbMs = 0;
  const matches: Record<string, number> = {};
  for (const pair of PAIRS) {
    const parsed = parse(pair.tailor, catalog);
    if (!parsed.ok) throw new Error(`bench condition "${pair.name}" does not parse: ${JSON.stringify(parsed.errors)}`);
    const evaluator = compileEvaluator(parsed.rule);
    let n = 0;
    for (let i = 0; i < facts.length; i++) {
      const a = evaluator(facts[i], now);
      if (a !== evalCondition(objects[i], pair.growthbook as never)) {
        throw new Error(`Tailor and GrowthBook disagree on "${pair.name}" for ${JSON.stringify(objects[i])}`);
      }
      if (a) n++;
    }
    matches[pair.name] = n;
    // Short alternating rounds, so a garbage collection (or a neighbour's burst) lands on both engines alike.
    const t = { evals: 0, ms: 0 };
    const g = { evals: 0, ms: 0 };
    const round = (into: { evals: number; ms: number }, run: () => void) => {
      const t0 = performance.now();
      do {
        run();
        into.evals += facts.length;
      } while (performance.now() - t0 < minMs / ROUNDS);
      into.ms += performance.now() - t0;
    };
    let sink = 0;
    for (let r = 0; r < ROUNDS; r++) {
      round(t, () => { for (let i = 0; i < facts.length; i++) if (evaluator(facts[i], now)) sink++; });
      round(g, () => { for (let i = 0; i < objects.length; i++) if (evalCondition(objects[i], pair.growthbook as never)) sink++; });
    }
    if (sink < 0) throw new Error("unreachable");
    tailorEvals += t.evals; tailorMs += t.ms; gbEvals += g.evals; gbMs += g.ms;
  }
  const tailorPerSecond = tailorEvals / (tailorMs / 1000);
  const growthbookPerSecond = gbEvals / (gbMs / 1000);
  return { tailorPerSecond, growthbookPerSecond, ratio: tailorPerSecond / growthbookPerSecond, profiles: facts.length, matches };
}
