/**
 * Every operator as a data table: matching values, missing values, case, type mismatches and edges.
 * The same table runs through `evaluate` and, per database engine, through `compileToSql`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import type { Predicate, Rule } from "../ast";
import type { Catalog } from "../catalog";
import { evaluate } from "../evaluate";
import { parse } from "../parse";
import { storeCases, factsOf, sqlSelects, type CaseData } from "./case-db";
import { DAY, NOW, T, iso } from "./fixtures";

const MISSING = Symbol("missing");
type Case = [label: string, value: unknown, predicate: Predicate, expected: boolean];

const TYPE_FIELDS = { s: "string", n: "number", b: "boolean", d: "date", l: "list" } as const;
const catalog: Catalog = {
  fields: Object.entries(TYPE_FIELDS).map(([key, type]) => ({ field: `traits.${key}`, type, examples: [] })),
  events: [],
};

/** The test field of the type the operator reads. */
function keyFor(p: Predicate): keyof typeof TYPE_FIELDS {
  switch (p.operator) {
    case "is_true": case "is_false": return "b";
    case "gt": case "gte": case "lt": case "lte": return "n";
    case "before": case "after": case "within_last_days": case "more_than_days_ago": return "d";
    case "list_contains_any": case "list_contains_all": return "l";
    case "between": return typeof p.value[0] === "number" ? "n" : "d";
    case "equals": case "not_equals": return typeof p.value === "number" ? "n" : "s";
    case "one_of": case "none_of": return typeof p.value[0] === "number" ? "n" : "s";
    default: return "s";
  }
}

const eq = (value: string | number): Predicate => ({ operator: "equals", value });
const cases: Case[] = [
  ["equals: same text", "US", eq("US"), true],
  ["equals: ASCII case is ignored", "us", eq("US"), true],
  ["equals: non-ASCII case is not", "Ü", eq("ü"), false],
  ["equals: whitespace counts", " US", eq("US"), false],
  ["equals: empty text", "", eq(""), true],
  ["equals: missing", MISSING, eq("US"), false],
  ["equals: JSON null", null, eq("US"), false],
  ["equals: number is not text", 5, eq("5"), false],
  ["equals: text is not a number", "5", eq(5), false],
  ["equals: number", 5, eq(5), true],
  ["equals: float noise differs", 0.30000000000000004, eq(0.3), false],
  ["equals: huge number", 1e21, eq(1e21), true],
  ["not_equals: other text", "CA", { operator: "not_equals", value: "US" }, true],
  ["not_equals: same text other case", "us", { operator: "not_equals", value: "US" }, false],
  ["not_equals: missing is not 'not US'", MISSING, { operator: "not_equals", value: "US" }, false],
  ["not_equals: null is not 'not US'", null, { operator: "not_equals", value: "US" }, false],
  ["not_equals: a number is not 'not US'", 5, { operator: "not_equals", value: "US" }, false],
  ["not_equals: other number", 4, { operator: "not_equals", value: 5 }, true],
  ["one_of: in list, other case", "ca", { operator: "one_of", value: ["US", "CA"] }, true],
  ["one_of: not in list", "DE", { operator: "one_of", value: ["US", "CA"] }, false],
  ["one_of: missing", MISSING, { operator: "one_of", value: ["US"] }, false],
  ["one_of: number list", 2, { operator: "one_of", value: [1, 2] }, true],
  ["one_of: text is not in a number list", "2", { operator: "one_of", value: [1, 2] }, false],
  ["none_of: not in list", "DE", { operator: "none_of", value: ["US", "CA"] }, true],
  ["none_of: in list, other case", "us", { operator: "none_of", value: ["US", "CA"] }, false],
  ["none_of: missing", MISSING, { operator: "none_of", value: ["US"] }, false],
  ["none_of: wrong type", true, { operator: "none_of", value: ["US"] }, false],
  ["none_of: number not in list", 3, { operator: "none_of", value: [1, 2] }, true],
  ["contains: other case", "United States", { operator: "contains", value: "STATES" }, true],
  ["contains: % is literal", "50% off", { operator: "contains", value: "%" }, true],
  ["contains: % is not a wildcard", "abc", { operator: "contains", value: "%" }, false],
  ["contains: _ is not a wildcard", "abc", { operator: "contains", value: "_" }, false],
  ["contains: missing", MISSING, { operator: "contains", value: "a" }, false],
  ["contains: number", 123, { operator: "contains", value: "2" }, false],
  ["not_contains: absent needle", "Canada", { operator: "not_contains", value: "us" }, true],
  ["not_contains: present needle, other case", "US", { operator: "not_contains", value: "u" }, false],
  ["not_contains: missing", MISSING, { operator: "not_contains", value: "u" }, false],
  ["starts_with: other case", "Pro plan", { operator: "starts_with", value: "pro" }, true],
  ["starts_with: in the middle", "a pro", { operator: "starts_with", value: "pro" }, false],
  ["starts_with: _ is literal", "xbc", { operator: "starts_with", value: "_" }, false],
  ["starts_with: longer needle", "pr", { operator: "starts_with", value: "pro" }, false],
  ["ends_with: other case", "team-PRO", { operator: "ends_with", value: "pro" }, true],
  ["ends_with: at the start", "pro-team", { operator: "ends_with", value: "pro" }, false],
  ["ends_with: needle longer than value", "ro", { operator: "ends_with", value: "pro" }, false],
  ["ends_with: number", 120, { operator: "ends_with", value: "20" }, false],
  ["exists: text", "x", { operator: "exists" }, true],
  ["exists: empty text", "", { operator: "exists" }, true],
  ["exists: empty list", [], { operator: "exists" }, true],
  ["exists: false", false, { operator: "exists" }, true],
  ["exists: null", null, { operator: "exists" }, false],
  ["exists: missing", MISSING, { operator: "exists" }, false],
  ["not_exists: missing", MISSING, { operator: "not_exists" }, true],
  ["not_exists: null", null, { operator: "not_exists" }, true],
  ["not_exists: 0", 0, { operator: "not_exists" }, false],
  ["gt: greater", 5, { operator: "gt", value: 3 }, true],
  ["gt: equal", 3, { operator: "gt", value: 3 }, false],
  ["gt: numeric text", "5", { operator: "gt", value: 3 }, false],
  ["gt: missing", MISSING, { operator: "gt", value: 3 }, false],
  ["gt: huge numbers", 1e21, { operator: "gt", value: 1e20 }, true],
  ["gte: equal", 3, { operator: "gte", value: 3 }, true],
  ["lt: decimals", 0.1, { operator: "lt", value: 0.3 }, true],
  ["lt: float noise is above", 0.30000000000000004, { operator: "lt", value: 0.3 }, false],
  ["lte: equal", 3, { operator: "lte", value: 3 }, true],
  ["lte: negative", -1, { operator: "lte", value: 0 }, true],
  ["between: low edge", 3, { operator: "between", value: [3, 5] }, true],
  ["between: high edge", 5, { operator: "between", value: [3, 5] }, true],
  ["between: above", 5.5, { operator: "between", value: [3, 5] }, false],
  ["between: numeric text", "4", { operator: "between", value: [3, 5] }, false],
  ["is_true: true", true, { operator: "is_true" }, true],
  ["is_true: text 'true'", "true", { operator: "is_true" }, false],
  ["is_true: 1", 1, { operator: "is_true" }, false],
  ["is_true: missing", MISSING, { operator: "is_true" }, false],
  ["is_false: false", false, { operator: "is_false" }, true],
  ["is_false: missing is not false", MISSING, { operator: "is_false" }, false],
  ["before: earlier day", "2024-12-31", { operator: "before", value: "2025-01-01" }, true],
  ["before: same instant", "2025-01-01", { operator: "before", value: "2025-01-01T00:00:00Z" }, false],
  ["before: offset moves it earlier", "2025-01-01T00:30:00+01:00", { operator: "before", value: "2025-01-01" }, true],
  ["before: last millisecond", "2024-12-31T23:59:59.999Z", { operator: "before", value: "2025-01-01" }, true],
  ["before: impossible date", "2024-02-30", { operator: "before", value: "2025-01-01" }, false],
  ["before: epoch number is not a date", 1704067200000, { operator: "before", value: "2025-01-01" }, false],
  ["before: missing", MISSING, { operator: "before", value: "2025-01-01" }, false],
  ["after: no offset means UTC", "2025-01-01 00:00", { operator: "after", value: "2024-12-31T23:59:59Z" }, true],
  ["after: fraction of a second", "2025-01-01T00:00:00.5Z", { operator: "after", value: "2025-01-01T00:00:00.499Z" }, true],
  ["after: leap day", "2024-02-29", { operator: "after", value: "2024-02-28" }, true],
  ["after: not a leap year", "2023-02-29", { operator: "after", value: "2023-01-01" }, false],
  ["between dates: both edges count", "2025-01-31", { operator: "between", value: ["2025-01-01", "2025-01-31"] }, true],
  ["between dates: after the end", "2025-01-31T00:00:00.001Z", { operator: "between", value: ["2025-01-01", "2025-01-31"] }, false],
  ["within_last_days: lower edge is out", iso(T - 7 * DAY), { operator: "within_last_days", value: 7 }, false],
  ["within_last_days: just inside", iso(T - 7 * DAY + 1), { operator: "within_last_days", value: 7 }, true],
  ["within_last_days: now is in", iso(T), { operator: "within_last_days", value: 7 }, true],
  ["within_last_days: the future is out", iso(T + 1), { operator: "within_last_days", value: 7 }, false],
  ["within_last_days: date only", "2025-06-15", { operator: "within_last_days", value: 1 }, true],
  ["within_last_days: invalid", "yesterday", { operator: "within_last_days", value: 7 }, false],
  ["more_than_days_ago: edge is in", iso(T - 7 * DAY), { operator: "more_than_days_ago", value: 7 }, true],
  ["more_than_days_ago: just inside the window", iso(T - 7 * DAY + 1), { operator: "more_than_days_ago", value: 7 }, false],
  ["more_than_days_ago: date only", "2025-06-08", { operator: "more_than_days_ago", value: 7 }, true],
  ["more_than_days_ago: missing", MISSING, { operator: "more_than_days_ago", value: 7 }, false],
  ["list_contains_any: other case", ["Sports", "music"], { operator: "list_contains_any", value: ["sports"] }, true],
  ["list_contains_any: none", ["news"], { operator: "list_contains_any", value: ["sports", "music"] }, false],
  ["list_contains_any: text is not a list", "sports", { operator: "list_contains_any", value: ["sports"] }, false],
  ["list_contains_any: numbers", [1, 2], { operator: "list_contains_any", value: [2] }, true],
  ["list_contains_any: '2' is not 2", ["2"], { operator: "list_contains_any", value: [2] }, false],
  ["list_contains_any: nested lists are not searched", [["sports"]], { operator: "list_contains_any", value: ["sports"] }, false],
  ["list_contains_any: empty list", [], { operator: "list_contains_any", value: ["sports"] }, false],
  ["list_contains_any: missing", MISSING, { operator: "list_contains_any", value: ["sports"] }, false],
  ["list_contains_all: all, any order and case", ["sports", "music", "news"], { operator: "list_contains_all", value: ["MUSIC", "sports"] }, true],
  ["list_contains_all: one missing", ["sports"], { operator: "list_contains_all", value: ["sports", "music"] }, false],
  ["list_contains_all: mixed types", ["US", 1, null], { operator: "list_contains_all", value: [1, "us"] }, true],
];

function caseRule(p: Predicate): Rule {
  const result = parse({ type: "trait", field: `traits.${keyFor(p)}`, ...p }, catalog);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rule;
}
const caseData = (value: unknown, p: Predicate): CaseData => ({ traits: value === MISSING ? {} : { [keyFor(p)]: value } });

describe("evaluate: operators", () => {
  it.each(cases)("%s", (_label, value, p, expected) => {
    expect(evaluate(caseRule(p), factsOf(caseData(value, p)), NOW)).toBe(expected);
  });

  it("a negated group includes what a negative operator leaves out", () => {
    const notUs = parse({ type: "group", op: "and", negate: true, children: [{ type: "trait", field: "traits.s", operator: "equals", value: "US" }] }, catalog);
    if (!notUs.ok) throw new Error("invalid");
    expect(evaluate(notUs.rule, factsOf({}), NOW)).toBe(true);
    expect(evaluate(caseRule({ operator: "not_equals", value: "US" }), factsOf({}), NOW)).toBe(false);
  });
});

describe.each(testEngines())("compileToSql on %s: operators", (engine) => {
  let t: TestDb;
  let stored: { workspaceId: string; ids: string[] };
  beforeAll(async () => {
    t = await createTestDb(engine);
    stored = await storeCases(t, cases.map(([, value, p]) => caseData(value, p)));
  });
  afterAll(async () => t?.close());

  it.each(cases.map((c, i) => [...c, i] as const))("%s", async (_label, _value, p, expected, i) => {
    expect(await sqlSelects(t, stored.workspaceId, stored.ids[i], caseRule(p), NOW)).toBe(expected);
  });
});
