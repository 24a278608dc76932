import { describe, expect, it } from "vitest";
import { hasProblemAt, hasProblemExactly, placeProblems } from "../rule-problems";
import type { RuleNode } from "../rule-tree";

const rule = {
  type: "group",
  op: "and",
  children: [
    { type: "trait", field: "traits.country", operator: "one_of", value: ["US"] },
    { type: "group", op: "or", children: [{ type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "equals", value: 3 }] }] },
  ],
} as RuleNode;

describe("placeProblems", () => {
  it.each([
    [["rule", "children", "0", "value"], "0", ["value"]],
    [["rule", "children", "1", "children", "0", "filters", "0", "value"], "1.0", ["filters", "0", "value"]],
    [["rule"], "", []],
    // A path past the end of the tree stays on the deepest node that exists: never dropped.
    [["rule", "children", "7", "value"], "", ["children", "7", "value"]],
    [["rule", "children", "1", "children", "3"], "1", ["children", "3"]],
  ])("puts %j on node %j at %j", (path, node, at) => {
    const placed = placeProblems([{ path, message: "wrong" }], rule);
    expect([...placed.byNode.keys()]).toEqual([node]);
    expect(placed.byNode.get(node)).toEqual([{ at, message: "wrong" }]);
    expect(placed.unplaced).toEqual([]);
  });

  it("keeps problems outside the rule apart", () => {
    const placed = placeProblems([{ path: ["segmentKey"], message: "bad key" }], rule);
    expect(placed.byNode.size).toBe(0);
    expect(placed.unplaced).toEqual([{ path: ["segmentKey"], message: "bad key" }]);
  });

  it("matches controls by path prefix or exactly", () => {
    const problems = [{ at: ["window"], message: "swap" }, { at: ["comparison", "value"], message: "number" }];
    expect(hasProblemAt(problems, ["comparison"])).toBe(true);
    expect(hasProblemAt(problems, ["window", "from"])).toBe(false);
    expect(hasProblemExactly(problems, ["window"])).toBe(true);
    expect(hasProblemExactly(problems, ["comparison"])).toBe(false);
  });
});
