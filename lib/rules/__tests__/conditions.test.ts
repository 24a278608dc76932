/**
 * Built-in and nested fields, event conditions (windows, filters, measures, `since`) and segment
 * references as a data table, run through `evaluate` and through `compileToSql` per engine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import type { Rule, RuleInput } from "../ast";
import type { Catalog } from "../catalog";
import { evaluate } from "../evaluate";
import { inlineSegments } from "../inline-segments";
import { parse } from "../parse";
import { factsOf, sqlSelects, storeCases, type CaseData } from "./case-db";
import { DAY, HOSTILE_KEY, MINUTE, NOW, T, TEST_CATALOG } from "./fixtures";

type Case = [label: string, rule: unknown, data: CaseData, expected: boolean];
const at = (ms: number) => new Date(ms);
const catalog: Catalog = { ...TEST_CATALOG, fields: [...TEST_CATALOG.fields, { field: "traits.toString", type: "string", examples: [] }] };
const trait = (field: string, operator: string, value?: unknown): RuleInput =>
  ({ type: "trait", field, operator, ...(value === undefined ? {} : { value }) }) as RuleInput;
const viewed = (ms: number, properties: Record<string, unknown> = {}) => ({ event: "Page Viewed", properties, timestamp: at(ms) });
const ordered = (ms: number, properties: Record<string, unknown> = {}) => ({ event: "Order Completed", properties, timestamp: at(ms) });
const added = (ms: number) => ({ event: "Product Added", timestamp: at(ms) });
const orders = (...revenues: unknown[]) => ({ events: revenues.map((revenue) => ordered(T - DAY, { revenue })) });
const count = (event: string, op: string, value: number, extra: object = {}): RuleInput =>
  ({ type: "event", event, comparison: { op, value }, ...extra }) as RuleInput;
const revenue = (kind: string, op: string, value: number): RuleInput =>
  ({ type: "event", event: "Order Completed", measure: { kind, property: "revenue" }, comparison: { op, value } }) as RuleInput;
const lastDays = (amount: number, unit = "days") => ({ window: { kind: "last", amount, unit } });
const cart = { since: { event: "Order Completed" } };

const SEGMENTS: Record<string, unknown> = {
  vip: trait("traits.plan", "equals", "pro"),
  loyal: { type: "group", op: "and", children: [{ type: "segment", op: "in", segment: "vip" }, count("Order Completed", "at_least", 2)] },
};

const cases: Case[] = [
  ["user_id: ASCII case ignored", trait("user_id", "equals", "User-1"), { userId: "user-1" }, true],
  ["user_id: null is missing", trait("user_id", "exists"), { userId: null }, false],
  ["user_id: not_exists", trait("user_id", "not_exists"), { userId: null }, true],
  ["known: with a user id", trait("known", "is_true"), { userId: "u" }, true],
  ["known: anonymous", trait("known", "is_false"), { userId: null }, true],
  ["known: always exists", trait("known", "exists"), { userId: null }, true],
  ["first_seen_at: within the last 7 days", trait("first_seen_at", "within_last_days", 7), { firstSeenAt: at(T - 3 * DAY) }, true],
  ["last_seen_at: exactly 30 days ago is more than 30 days ago", trait("last_seen_at", "more_than_days_ago", 30), { lastSeenAt: at(T - 30 * DAY) }, true],
  ["first_seen_at: before", trait("first_seen_at", "before", "2025-01-01"), { firstSeenAt: at(Date.UTC(2024, 11, 31, 23)) }, true],
  ["nested: object key", trait("traits.address.city", "equals", "berlin"), { traits: { address: { city: "Berlin" } } }, true],
  ["nested: parent is text", trait("traits.address.city", "exists"), { traits: { address: "Berlin" } }, false],
  ["nested: parent is a list", trait("traits.address.city", "exists"), { traits: { address: [{ city: "Berlin" }] } }, false],
  ["prototype key: constructor absent", trait("traits.constructor", "exists"), { traits: {} }, false],
  ["prototype key: toString absent", trait("traits.toString", "not_exists"), { traits: {} }, true],
  ["prototype key: constructor present", trait("traits.constructor", "equals", "x"), { traits: { constructor: "X" } }, true],
  ["hostile key is just a key", trait(`traits.${HOSTILE_KEY}`, "equals", HOSTILE_KEY), { traits: { [HOSTILE_KEY]: HOSTILE_KEY } }, true],
  ["context field", trait("context.country", "one_of", ["us", "ca"]), { context: { country: "CA" } }, true],

  ["count: an event now", count("Page Viewed", "at_least", 1), { events: [viewed(T)] }, true],
  ["count: events after now do not exist", count("Page Viewed", "at_least", 1), { events: [viewed(T + 1)] }, false],
  ["never: no events", count("Page Viewed", "exactly", 0), {}, true],
  ["never: only future events", count("Page Viewed", "at_most", 0), { events: [viewed(T + DAY)] }, true],
  ["never: event names match exactly", count("Page Viewed", "exactly", 0), { events: [{ event: "page viewed", timestamp: at(T) }] }, true],
  ["never: one event", count("Page Viewed", "exactly", 0), { events: [viewed(T - DAY)] }, false],
  ["count: ties at one instant all count", count("Page Viewed", "at_least", 3), { events: [viewed(T - 1), viewed(T - 1), viewed(T - 1)] }, true],
  ["count: at_most", count("Page Viewed", "at_most", 2), { events: [viewed(T - 1), viewed(T - 2), viewed(T - 3)] }, false],
  ["count: between", { type: "event", event: "Page Viewed", comparison: { op: "between", value: 2, value2: 3 } }, { events: [viewed(T - 1), viewed(T - 2), viewed(T - 3)] }, true],
  ["window: lower edge of last 7 days is out", count("Page Viewed", "at_least", 1, lastDays(7)), { events: [viewed(T - 7 * DAY)] }, false],
  ["window: just inside last 7 days", count("Page Viewed", "at_least", 1, lastDays(7)), { events: [viewed(T - 7 * DAY + 1)] }, true],
  ["window: 60 minutes, edge out", count("Page Viewed", "at_least", 1, lastDays(60, "minutes")), { events: [viewed(T - 60 * MINUTE)] }, false],
  ["window: 60 minutes, inside", count("Page Viewed", "at_least", 1, lastDays(60, "minutes")), { events: [viewed(T - 59 * MINUTE)] }, true],
  ["window between: from is in", count("Page Viewed", "at_least", 1, { window: { kind: "between", from: "2025-06-01", to: "2025-06-10" } }), { events: [viewed(Date.UTC(2025, 5, 1))] }, true],
  ["window between: to is in", count("Page Viewed", "at_least", 1, { window: { kind: "between", from: "2025-06-01", to: "2025-06-10" } }), { events: [viewed(Date.UTC(2025, 5, 10))] }, true],
  ["window between: after to", count("Page Viewed", "at_least", 1, { window: { kind: "between", from: "2025-06-01", to: "2025-06-10" } }), { events: [viewed(Date.UTC(2025, 5, 10) + 1)] }, false],
  ["window between: ends after now, future still ignored", count("Page Viewed", "at_least", 1, { window: { kind: "between", from: "2025-06-01", to: "2025-07-01" } }), { events: [viewed(T + 1)] }, false],
  ["filter: case-insensitive", count("Page Viewed", "at_least", 1, { filters: [{ property: "category", operator: "equals", value: "sports" }] }), { events: [viewed(T, { category: "Sports" })] }, true],
  ["filter: missing property fails not_equals", count("Page Viewed", "at_least", 1, { filters: [{ property: "category", operator: "not_equals", value: "news" }] }), { events: [viewed(T)] }, false],
  ["filter: nested property", count("Page Viewed", "at_least", 1, { filters: [{ property: "page.section", operator: "equals", value: "home" }] }), { events: [viewed(T, { page: { section: "Home" } })] }, true],
  ["since: ordered after the cart", count("Product Added", "at_least", 1, cart), { events: [added(T - 2 * DAY), ordered(T - DAY)] }, false],
  ["since: cart after the order", count("Product Added", "at_least", 1, cart), { events: [ordered(T - 2 * DAY), added(T - DAY)] }, true],
  ["since: same instant counts as ordered", count("Product Added", "at_least", 1, cart), { events: [added(T - DAY), ordered(T - DAY)] }, false],
  ["since: a future order does not count", count("Product Added", "at_least", 1, cart), { events: [added(T - DAY), ordered(T + 1)] }, true],
  ["since: never ordered", count("Product Added", "at_least", 1, cart), { events: [added(T - DAY)] }, true],
  ["since: an order outside the window still resets", count("Product Added", "at_least", 1, { ...cart, ...lastDays(1) }), { events: [added(T - 3 * DAY), ordered(T - 2 * DAY)] }, false],
  ["since: filters on the since event", count("Product Added", "at_least", 1, { since: { event: "Order Completed", filters: [{ property: "currency", operator: "equals", value: "EUR" }] } }), { events: [added(T - 2 * DAY), ordered(T - DAY, { currency: "USD" })] }, true],
  ["sum: exact decimals, 0.1 + 0.2 is 0.3", revenue("sum", "exactly", 0.3), orders(0.1, 0.2), true],
  ["sum: at most 0.3", revenue("sum", "at_most", 0.3), orders(0.2, 0.1), true],
  ["sum: 19.99 + 0.01 reaches 20", revenue("sum", "at_least", 20), orders(19.99, 0.01), true],
  ["sum: of nothing is 0", revenue("sum", "at_most", 0), {}, true],
  ["sum: numeric text is skipped", revenue("sum", "at_least", 5), orders("5", 1), false],
  ["sum: huge and tiny", revenue("sum", "at_least", 1e21), orders(1e21, 5e-7), true],
  ["avg: exact", revenue("avg", "exactly", 0.15), orders(0.1, 0.2), true],
  ["avg: of nothing is no value", revenue("avg", "at_most", 100), {}, false],
  ["avg: repeating decimal", revenue("avg", "at_least", 1.3333333333333333), orders(1, 1, 2), true],
  ["avg: repeating decimal is not exactly", revenue("avg", "exactly", 1.3333333333333333), orders(1, 1, 2), false],
  ["min: ignores non-numbers", revenue("min", "at_most", -1), orders(5, -1, "-100", null), true],
  ["max: exactly", revenue("max", "exactly", 5), orders(5, -1), true],
  ["max: of nothing", revenue("max", "at_most", 5), orders("5"), false],
  ["first: before", { type: "event", event: "Page Viewed", measure: { kind: "first" }, comparison: { op: "before", value: "2025-06-01" } }, { events: [viewed(T), viewed(Date.UTC(2025, 4, 31))] }, true],
  ["last: within the last day", { type: "event", event: "Page Viewed", measure: { kind: "last" }, comparison: { op: "within_last_days", value: 1 } }, { events: [viewed(T - 5 * DAY), viewed(T - DAY + 1)] }, true],
  ["last: future events ignored", { type: "event", event: "Page Viewed", measure: { kind: "last" }, comparison: { op: "more_than_days_ago", value: 3 } }, { events: [viewed(T - 5 * DAY), viewed(T + DAY)] }, true],
  ["last: no events is false", { type: "event", event: "Page Viewed", measure: { kind: "last" }, comparison: { op: "before", value: "2030-01-01" } }, {}, false],
  ["first: within a window", { type: "event", event: "Page Viewed", measure: { kind: "first" }, comparison: { op: "after", value: "2025-06-10" }, ...lastDays(7) }, { events: [viewed(T - 20 * DAY), viewed(T - 2 * DAY)] }, true],
  ["segment: in", { type: "segment", op: "in", segment: "vip" }, { traits: { plan: "PRO" } }, true],
  ["segment: not_in includes missing values", { type: "segment", op: "not_in", segment: "vip" }, {}, true],
  ["segment: nested reference", { type: "segment", op: "in", segment: "loyal" }, { traits: { plan: "pro" }, events: [ordered(T - 1), ordered(T - 2)] }, true],
  ["group: empty and is everyone", { type: "group", op: "and", children: [] }, {}, true],
  ["group: empty or is no one", { type: "group", op: "or", children: [] }, {}, false],
  ["group: negated empty and is no one", { type: "group", op: "and", negate: true, children: [] }, {}, false],
  ["group: negation includes missing", { type: "group", op: "or", negate: true, children: [trait("context.country", "equals", "US")] }, {}, true],
];

const lookupSegment = (key: string) => SEGMENTS[key];
function mustParse(json: unknown): Rule {
  const result = parse(json, catalog, { lookupSegment });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rule;
}
const segmentRules = Object.fromEntries(Object.entries(SEGMENTS).map(([k, v]) => [k, mustParse(v)]));

describe("evaluate: conditions", () => {
  it.each(cases)("%s", (_label, json, data, expected) => {
    const facts = factsOf(data, (key) => evaluate(segmentRules[key], facts, NOW));
    expect(evaluate(mustParse(json), facts, NOW)).toBe(expected);
  });
});

describe.each(testEngines())("compileToSql on %s: conditions", (engine) => {
  let t: TestDb;
  let stored: { workspaceId: string; ids: string[] };
  beforeAll(async () => {
    t = await createTestDb(engine);
    stored = await storeCases(t, cases.map(([, , data]) => data));
  });
  afterAll(async () => t?.close());

  it.each(cases.map((c, i) => [...c, i] as const))("%s", async (_label, json, _data, expected, i) => {
    const ctx = inlineSegments((key) => segmentRules[key], NOW);
    expect(await sqlSelects(t, stored.workspaceId, stored.ids[i], mustParse(json), NOW, ctx)).toBe(expected);
  });
});
