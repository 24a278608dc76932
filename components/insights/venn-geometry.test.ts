import { describe, expect, it } from "vitest";
import { lensArea, vennLayout } from "./venn-geometry";

describe("vennLayout", () => {
  it.each([
    // sizeA, sizeB, both
    [100, 100, 50],
    [400, 100, 30],
    [10, 1000, 5],
    [300, 200, 199],
  ])("areas of %i and %i with %i in both are proportional", (a, b, both) => {
    const { r1, r2, d } = vennLayout(a, b, both, 80);
    const unit = (Math.PI * r1 * r1) / a;
    expect((Math.PI * r2 * r2) / b).toBeCloseTo(unit, 6);
    expect(lensArea(r1, r2, d) / unit).toBeCloseTo(both, 3);
  });

  it("separates disjoint sets and nests a subset inside its superset", () => {
    const apart = vennLayout(50, 80, 0, 80);
    expect(apart.d).toBeGreaterThan(apart.r1 + apart.r2);
    const nested = vennLayout(50, 200, 50, 80);
    expect(nested.d).toBeLessThanOrEqual(Math.abs(nested.r1 - nested.r2) + 1e-6);
  });

  it("draws nothing for two empty sets", () => {
    expect(vennLayout(0, 0, 0, 80)).toMatchObject({ r1: 0, r2: 0 });
  });
});
