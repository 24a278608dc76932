/**
 * The fixed rule suite of `npm run bench:segments`: what marketers build on the demo data —
 * trait-only audiences, behaviour in windows, sums, nested groups with negation, segment
 * references, `since`, never-did. Values match the demo generator (db/seed). Dates in `between`
 * windows are relative to the dataset's `now` (bench/segments/dataset.ts) so they stay inside its history.
 */
import type { RuleInput } from "@/lib/rules/ast";

const DAY = 86_400_000;
const iso = (now: Date, daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();

const trait = (field: string, operator: string, value?: unknown): RuleInput =>
  ({ type: "trait", field, operator, ...(value === undefined ? {} : { value }) }) as RuleInput;
const and = (...children: RuleInput[]): RuleInput => ({ type: "group", op: "and", children });
const or = (...children: RuleInput[]): RuleInput => ({ type: "group", op: "or", children });
const not = (...children: RuleInput[]): RuleInput => ({ type: "group", op: "or", negate: true, children });
const lastDays = (amount: number) => ({ kind: "last" as const, amount, unit: "days" as const });

/** Saved segments the suite refers to. */
export function benchSegments(): Record<string, { name: string; rule: RuleInput }> {
  return {
    "sports-fans": {
      name: "Sports fans",
      rule: {
        type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "equals", value: "sports" }],
        comparison: { op: "at_least", value: 2 }, window: lastDays(30),
      },
    },
    buyers: { name: "Buyers", rule: { type: "event", event: "Order Completed", comparison: { op: "at_least", value: 1 } } },
  };
}

export interface BenchRule {
  name: string;
  rule: RuleInput;
}

/** At least twelve rules covering every kind of condition. */
export function benchRules(now: Date): BenchRule[] {
  return [
    { name: "trait: country = US", rule: trait("traits.country", "equals", "US") },
    { name: "trait: plan in, age between", rule: and(trait("traits.plan", "one_of", ["plus", "premium"]), trait("traits.age", "between", [25, 40])) },
    { name: "visited in last 7 days", rule: { type: "event", event: "Page Viewed", window: lastDays(7) } },
    {
      name: "sports pages ≥3 in 30 days",
      rule: {
        type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "equals", value: "Sports" }],
        comparison: { op: "at_least", value: 3 }, window: lastDays(30),
      },
    },
    {
      name: "US + product view in 14 days",
      rule: and(trait("context.country", "equals", "US"), { type: "event", event: "Product Viewed", window: lastDays(14) }),
    },
    {
      name: "revenue sum ≥ 100 ever",
      rule: { type: "event", event: "Order Completed", measure: { kind: "sum", property: "revenue" }, comparison: { op: "at_least", value: 100 } },
    },
    {
      name: "customers gone quiet (negated group)",
      rule: and(
        trait("traits.lifecycle", "equals", "customer"),
        not(
          { type: "event", event: "Order Completed", window: lastDays(14) },
          { type: "event", event: "Email Link Clicked", window: lastDays(30) },
        ),
      ),
    },
    {
      name: "in segment sports-fans, on mobile",
      rule: and({ type: "segment", op: "in", segment: "sports-fans" }, trait("context.device", "equals", "mobile")),
    },
    {
      name: "cart abandoners (since)",
      rule: {
        type: "event", event: "Product Added", window: lastDays(30),
        since: { event: "Order Completed", filters: [] },
      },
    },
    {
      name: "known, never ordered",
      rule: and(trait("known", "is_true"), { type: "event", event: "Order Completed", comparison: { op: "exactly", value: 0 } }),
    },
    {
      name: "Rome/Paris searched ≥2 (between dates)",
      rule: {
        type: "event", event: "Flight Searched",
        filters: [{ property: "destination", operator: "one_of", value: ["Rome", "Paris", "Lisbon"] }],
        comparison: { op: "at_least", value: 2 }, window: { kind: "between", from: iso(now, 25.5), to: iso(now, 3.25) },
      },
    },
    {
      name: "light readers (at most 2 views in 30 days)",
      rule: and(trait("known", "is_true"), { type: "event", event: "Page Viewed", comparison: { op: "at_most", value: 2 }, window: lastDays(30) }),
    },
    {
      name: "new this week (first view within 7 days)",
      rule: { type: "event", event: "Page Viewed", measure: { kind: "first" }, comparison: { op: "within_last_days", value: 7 } },
    },
    {
      name: "engaged newsletter readers",
      rule: and(
        trait("traits.newsletter", "is_true"),
        or(
          { type: "event", event: "Email Opened", comparison: { op: "at_least", value: 3 }, window: lastDays(30) },
          { type: "event", event: "Email Link Clicked", window: lastDays(14) },
        ),
        not({ type: "segment", op: "in", segment: "buyers" }),
      ),
    },
  ];
}
