import { describe, expect, it } from "vitest";
import { predicateFor, withPredicate } from "../predicate-defaults";

describe("predicateFor", () => {
  it.each([
    ["equals", "string", undefined, ["US", "GB"], { operator: "equals", value: "US" }],
    ["one_of", "string", "GB", ["US"], { operator: "one_of", value: ["GB"] }],
    ["one_of", "number", undefined, [], { operator: "one_of", value: [] }],
    ["gt", "number", "abc", [29], { operator: "gt", value: 29 }],
    ["between", "number", 5, [], { operator: "between", value: [5, 5] }],
    ["within_last_days", "date", 7, [], { operator: "within_last_days", value: 7 }],
    ["within_last_days", "date", "2024-01-01", [], { operator: "within_last_days", value: 30 }],
    ["exists", "string", "US", [], { operator: "exists" }],
    ["list_contains_any", "list", undefined, ["sports"], { operator: "list_contains_any", value: ["sports"] }],
  ] as const)("%s on %s from %j → %j", (operator, type, previous, examples, expected) => {
    expect(predicateFor(operator, type, previous, examples)).toEqual(expected);
  });

  it("drops a value the new operator does not take", () => {
    expect(withPredicate({ property: "x", operator: "equals", value: 1 }, { operator: "exists" })).toEqual({ property: "x", operator: "exists" });
  });
});
