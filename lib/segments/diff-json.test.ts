import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffJson } from "./diff-json";

describe("diffJson", () => {
  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1 }, { a: 2 }, [{ path: "a", kind: "changed", before: 1, after: 2 }]],
    [{ a: [1, 2] }, { a: [1] }, [{ path: "a.1", kind: "removed", before: 2 }]],
    [{}, { b: { c: true } }, [{ path: "b", kind: "added", after: { c: true } }]],
    [{ x: { y: "US" } }, { x: { y: "GB" }, z: null }, [{ path: "x.y", kind: "changed", before: "US", after: "GB" }, { path: "z", kind: "added", after: null }]],
  ])("%j → %j", (a, b, expected) => expect(diffJson(a, b)).toEqual(expected));

  it("finds no change between equal values and some change between different ones", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(diffJson(a, structuredClone(a))).toEqual([]);
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(diffJson(a, b).length).toBeGreaterThan(0);
      }),
    );
  });
});
