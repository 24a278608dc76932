/** parse: shape, catalog and segment errors, each with the JSON path of the offending node. */
import { describe, expect, it } from "vitest";
import { MAX_DEPTH, MAX_NODES } from "../ast";
import { parse, type ParseOptions } from "../parse";
import { TEST_CATALOG } from "./fixtures";

const plan = (extra: object = {}) => ({ type: "trait", field: "traits.plan", operator: "equals", value: "pro", ...extra });
const and = (...children: unknown[]) => ({ type: "group", op: "and", children });
const errorsOf = (json: unknown, options?: ParseOptions) => {
  const result = parse(json, TEST_CATALOG, options);
  if (result.ok) throw new Error("expected the rule to be rejected");
  return result.errors;
};

describe("parse: errors with paths", () => {
  it.each<[string, unknown, (string | number)[], string, RegExp]>([
    ["unknown field, with a suggestion", and(plan({ field: "traits.pln" })), ["children", 0, "field"], "unknown_field", /Unknown field "traits.pln"\. Did you mean "traits.plan"\?/],
    ["not a field name", plan({ field: "plan" }), ["field"], "unknown_field", /use traits\.<key>, context\.<key>/],
    ["operator that does not fit the type", and(plan(), { type: "trait", field: "traits.age", operator: "contains", value: "3" }), ["children", 1, "operator"], "operator_mismatch", /"contains" does not apply to traits\.age, which holds numbers\. Use one of: equals, .*gt/],
    ["value of the wrong type, with an example", plan({ value: 5 }), ["value"], "invalid_value", /traits\.plan holds text: give text such as "pro"/],
    ["list of the wrong type", plan({ operator: "one_of", value: [1, 2] }), ["value"], "invalid_value", /holds text/],
    ["unknown operator", and(and(plan({ operator: "equal" }))), ["children", 0, "children", 0, "operator"], "invalid_shape", /Unknown operator "equal": use one of .*"equals"/],
    ["unknown node type", and({ type: "trait_condition" }), ["children", 0, "type"], "invalid_shape", /Unknown node type "trait_condition": use one of "group", "trait", "event", "segment"/],
    ["missing value", { type: "trait", field: "traits.plan", operator: "equals" }, ["value"], "invalid_shape", /Give a text or number value/],
    ["a value where none is taken", plan({ operator: "exists" }), ["value"], "invalid_shape", /"exists" takes no value: remove "value"/],
    ["unknown key", plan({ valeu: 1 }), ["valeu"], "invalid_shape", /Unknown key "valeu": remove it/],
    ["group op", { type: "group", op: "xor", children: [] }, ["op"], "invalid_shape", /"xor" is not allowed here: use one of "and", "or"/],
    ["impossible date", { type: "trait", field: "traits.signup_at", operator: "before", value: "2025-02-30" }, ["value"], "invalid_value", /"2025-02-30" is not a date: use YYYY-MM-DD/],
    ["reversed bounds", { type: "trait", field: "traits.age", operator: "between", value: [5, 3] }, ["value"], "invalid_value", /swap them/],
    ["date bounds on a number field", { type: "trait", field: "traits.age", operator: "between", value: ["2025-01-01", "2025-02-01"] }, ["value"], "invalid_value", /give \[low, high\] as numbers/],
    ["unknown event, with a suggestion", { type: "event", event: "Page View" }, ["event"], "unknown_event", /Unknown event "Page View"\. Did you mean "Page Viewed"\? Known events: /],
    ["unknown property", { type: "event", event: "Page Viewed", filters: [{ property: "categry", operator: "exists" }] }, ["filters", 0, "property"], "unknown_property", /Event "Page Viewed" has no property "categry"\. Did you mean "category"\?/],
    ["operator unfit for a property", { type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "gt", value: 1 }] }, ["filters", 0, "operator"], "operator_mismatch", /does not apply to category/],
    ["since event unknown", { type: "event", event: "Product Added", since: { event: "Order Complete" } }, ["since", "event"], "unknown_event", /Did you mean "Order Completed"/],
    ["sum of a text property", { type: "event", event: "Order Completed", measure: { kind: "sum", property: "currency" }, comparison: { op: "at_least", value: 1 } }, ["measure", "property"], "unknown_property", /sum needs a numeric property of "Order Completed"; "currency" is text\. Numeric properties: "revenue"/],
    ["comparison unfit for the measure", { type: "event", event: "Page Viewed", measure: { kind: "first" } }, ["comparison", "op"], "operator_mismatch", /"at_least" does not compare an occurrence time\. Use one of: before, after/],
    ["count that is not whole", { type: "event", event: "Page Viewed", comparison: { op: "at_least", value: 1.5 } }, ["comparison", "value"], "invalid_value", /whole number of times/],
    ["count too large for a count", { type: "event", event: "Page Viewed", comparison: { op: "at_most", value: 1e21 } }, ["comparison", "value"], "invalid_value", /from 0 to 1000000000/],
    ["time comparison on a count", { type: "event", event: "Page Viewed", comparison: { op: "before", value: "2025-01-01" } }, ["comparison", "op"], "operator_mismatch", /does not compare a count/],
    ["window too long", { type: "event", event: "Page Viewed", window: { kind: "last", amount: 900_000, unit: "hours" } }, ["window", "amount"], "invalid_value", /36500 days at most/],
    ["window with reversed dates", { type: "event", event: "Page Viewed", window: { kind: "between", from: "2025-02-01", to: "2025-01-01" } }, ["window"], "invalid_value", /swap them/],
    ["not an object", "country = US", [], "invalid_shape", /Expected object/],
  ])("%s", (_label, json, path, code, message) => {
    const errors = errorsOf(json, { lookupSegment: () => undefined });
    expect(errors[0]).toMatchObject({ path, code });
    expect(errors[0].message).toMatch(message);
  });

  it("reports every problem, not only the first", () => {
    const errors = errorsOf(and(plan({ field: "traits.nope" }), plan({ value: 5 }), { type: "event", event: "Nope" }));
    expect(errors.map((e) => e.path)).toEqual([["children", 0, "field"], ["children", 1, "value"], ["children", 2, "event"]]);
  });

  it(`rejects groups nested deeper than ${MAX_DEPTH}`, () => {
    let json: unknown = plan();
    for (let i = 0; i < MAX_DEPTH + 1; i++) json = and(json);
    const errors = errorsOf(json);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "too_large", path: Array(MAX_DEPTH).fill(["children", 0]).flat() });
    let ok: unknown = plan();
    for (let i = 0; i < MAX_DEPTH; i++) ok = and(ok);
    expect(parse(ok, TEST_CATALOG).ok).toBe(true);
  });

  it(`rejects rules with more than ${MAX_NODES} nodes before validating them`, () => {
    const wide = and(...Array.from({ length: 5 }, () => and(...Array.from({ length: 100 }, () => plan()))));
    expect(errorsOf(wide)[0]).toMatchObject({ code: "too_large", path: [] });
  });
});

describe("parse: segment references", () => {
  const stored: Record<string, unknown> = {
    a: plan(),
    b: { type: "segment", op: "in", segment: "c" },
    c: and({ type: "segment", op: "not_in", segment: "d" }),
    d: { type: "segment", op: "in", segment: "a" },
    loop1: { type: "segment", op: "in", segment: "loop2" },
    loop2: { type: "segment", op: "in", segment: "loop1" },
  };
  const lookupSegment = (key: string) => stored[key];

  it("accepts references to existing segments", () => {
    expect(parse(and({ type: "segment", op: "in", segment: "b" }), TEST_CATALOG, { lookupSegment, segmentKey: "new" }).ok).toBe(true);
  });

  it("rejects an unknown segment", () => {
    const errors = errorsOf(and(plan(), { type: "segment", op: "in", segment: "nope" }), { lookupSegment });
    expect(errors).toEqual([{ path: ["children", 1, "segment"], code: "unknown_segment", message: 'Unknown segment "nope". Pick an existing segment by its key.' }]);
  });

  it("fails closed without a lookup", () => {
    expect(errorsOf({ type: "segment", op: "in", segment: "a" })[0]).toMatchObject({ code: "unknown_segment", path: ["segment"] });
  });

  it("rejects a segment that refers to itself", () => {
    const errors = errorsOf(and({ type: "segment", op: "in", segment: "a" }), { lookupSegment, segmentKey: "a" });
    expect(errors[0]).toMatchObject({ code: "segment_cycle", path: ["children", 0, "segment"], cycle: ["a", "a"] });
  });

  it("rejects a cycle through other segments, naming the chain", () => {
    const errors = errorsOf(and(plan(), { type: "segment", op: "in", segment: "b" }), { lookupSegment, segmentKey: "a" });
    expect(errors[0]).toMatchObject({ code: "segment_cycle", path: ["children", 1, "segment"], cycle: ["a", "b", "c", "d", "a"] });
    expect(errors[0].message).toBe(
      "Segment reference cycle: a → b → c → d → a. A segment cannot include itself, directly or through other segments; remove this reference.",
    );
  });

  it("rejects a reference into a loop among stored segments", () => {
    const errors = errorsOf({ type: "segment", op: "not_in", segment: "loop1" }, { lookupSegment });
    expect(errors[0]).toMatchObject({ code: "segment_cycle", cycle: ["loop1", "loop2", "loop1"] });
  });
});

describe("parse: accepted rules", () => {
  it("fills in event defaults and keeps everything else as written", () => {
    const result = parse(and({ type: "event", event: "Signed Up", id: "c1" }, plan({ id: "c2" })), TEST_CATALOG);
    expect(result).toEqual({
      ok: true,
      rule: and(
        { type: "event", id: "c1", event: "Signed Up", filters: [], measure: { kind: "count" }, comparison: { op: "at_least", value: 1 }, window: { kind: "ever" } },
        plan({ id: "c2" }),
      ),
    });
  });

  it("accepts built-in fields without a catalog entry", () => {
    expect(parse({ type: "trait", field: "known", operator: "is_true" }, { fields: [], events: [] }).ok).toBe(true);
  });
});
