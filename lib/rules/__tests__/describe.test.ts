/** describe: common rule shapes read as plain English. */
import { describe as group, expect, it } from "vitest";
import type { RuleInput } from "../ast";
import { describe } from "../describe";
import { parse } from "../parse";
import { TEST_CATALOG } from "./fixtures";

const trait = (field: string, operator: string, value?: unknown) => ({ type: "trait", field, operator, ...(value === undefined ? {} : { value }) });
const and = (...children: unknown[]) => ({ type: "group", op: "and", children });

group("describe", () => {
  it.each<[unknown, string]>([
    [
      and(trait("context.country", "one_of", ["US", "CA"]), {
        type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "equals", value: "sports" }],
        comparison: { op: "at_least", value: 3 }, window: { kind: "last", amount: 30, unit: "days" },
      }),
      "People in the US or Canada who viewed a sports page at least 3 times in the last 30 days",
    ],
    [{ type: "event", event: "Order Completed", comparison: { op: "exactly", value: 0 } }, "People who never completed an order"],
    [
      { type: "event", event: "Product Added", since: { event: "Order Completed" }, window: { kind: "last", amount: 7, unit: "days" } },
      "People who added a product in the last 7 days since they last completed an order",
    ],
    [
      and(trait("traits.plan", "equals", "pro"), trait("traits.age", "gte", 30), { type: "segment", op: "in", segment: "vip" }),
      'People whose plan is "pro", whose age is at least 30 and who are in segment "VIP customers"',
    ],
    [
      { type: "group", op: "or", children: [trait("traits.plan", "one_of", ["pro", "team"]), {
        type: "event", event: "Order Completed", measure: { kind: "sum", property: "revenue" },
        comparison: { op: "at_least", value: 100 }, window: { kind: "last", amount: 90, unit: "days" },
      }] },
      'People whose plan is "pro" or "team" or who completed an order with a total revenue of at least 100 in the last 90 days',
    ],
    [
      and(trait("first_seen_at", "within_last_days", 7), trait("known", "is_false"), { type: "group", op: "and", negate: true, children: [trait("context.country", "equals", "de")] }),
      "People who were first seen in the last 7 days and who are anonymous, except those in Germany",
    ],
    [{ type: "event", event: "Signed Up", measure: { kind: "first" }, comparison: { op: "more_than_days_ago", value: 30 } }, "People who first signed up more than 30 days ago"],
    [{ type: "event", event: "Page Viewed", measure: { kind: "last" }, comparison: { op: "before", value: "2025-01-01" } }, "People who last viewed a page before Jan 1, 2025"],
    [trait("traits.signup_at", "between", ["2025-01-01", "2025-03-31T12:00:00Z"]), "People whose signup at is between Jan 1, 2025 and Mar 31, 2025 12:00 UTC"],
    [trait("traits.tags", "list_contains_all", ["sports", "music"]), 'People whose tags include "sports" and "music"'],
    [trait("context.utm_source", "none_of", ["google", "bing"]), 'People whose UTM source is neither "google" nor "bing"'],
    [
      { type: "event", event: "Page Viewed", filters: [{ property: "duration", operator: "gt", value: 30 }], comparison: { op: "between", value: 2, value2: 5 }, window: { kind: "between", from: "2025-05-01", to: "2025-05-31" } },
      "People who viewed a page where duration is over 30 between 2 and 5 times between May 1, 2025 and May 31, 2025",
    ],
    [{ type: "group", op: "and", negate: true, children: [trait("traits.vip", "is_true")] }, "Everyone except people whose vip is true"],
    [and(), "Everyone"],
    [{ type: "group", op: "or", children: [] }, "No one"],
    [
      and(trait("traits.plan", "equals", "pro"), { type: "group", op: "or", children: [trait("context.country", "equals", "US"), { type: "segment", op: "not_in", segment: "active" }] }),
      'People whose plan is "pro" and (in the US or who are not in segment "Active readers")',
    ],
  ])("%#: %s", (json, sentence) => {
    const result = parse(json, TEST_CATALOG, { lookupSegment: () => ({}) as RuleInput });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(describe(result.rule, TEST_CATALOG)).toBe(sentence);
  });

  it("uses segment keys and humanized field names without a catalog", () => {
    const result = parse(and(trait("traits.first_name", "exists"), { type: "segment", op: "in", segment: "vip" }), {
      fields: [{ field: "traits.first_name", type: "string", examples: [] }], events: [],
    }, { lookupSegment: () => ({}) });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(describe(result.rule)).toBe('People whose first name is set and who are in segment "vip"');
  });
});
