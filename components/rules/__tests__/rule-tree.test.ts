import { describe, expect, it } from "vitest";
import { appendChild, getNode, moveNode, removeNode, updateNode, type RuleNode } from "../rule-tree";

const a = { type: "segment", op: "in", segment: "a" } as const;
const b = { type: "segment", op: "in", segment: "b" } as const;
const c = { type: "segment", op: "in", segment: "c" } as const;
const tree: RuleNode = { type: "group", op: "and", children: [a, { type: "group", op: "or", children: [b] }, c] };

describe("rule tree edits", () => {
  it("never change the tree they are given", () => {
    const before = JSON.stringify(tree);
    updateNode(tree, [1, 0], () => c);
    removeNode(tree, [0]);
    moveNode(tree, [2], -1);
    appendChild(tree, [1], a);
    expect(JSON.stringify(tree)).toBe(before);
  });

  it("address nested nodes by child indexes", () => {
    expect(getNode(tree, [1, 0])).toEqual(b);
    expect(getNode(updateNode(tree, [1, 0], () => c), [1, 0])).toEqual(c);
    expect(getNode(tree, [5])).toBeUndefined();
  });

  it("move within bounds only and report where the node went", () => {
    expect(moveNode(tree, [2], -1)).toMatchObject({ path: [1], root: { children: [a, c, { type: "group" }] } });
    expect(moveNode(tree, [0], -1)).toEqual({ root: tree, path: [0] });
    expect(moveNode(tree, [2], 1)).toEqual({ root: tree, path: [2] });
  });

  it("append to a group and return the new path; removing the root leaves an empty 'all of'", () => {
    const { root, path } = appendChild(tree, [1], a);
    expect(path).toEqual([1, 1]);
    expect(getNode(root, path)).toEqual(a);
    expect(removeNode(tree, [])).toEqual({ type: "group", op: "and", children: [] });
    expect(removeNode(tree, [1, 0])).toMatchObject({ children: [a, { children: [] }, c] });
  });
});
