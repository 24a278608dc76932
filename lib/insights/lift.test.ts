import { describe, expect, it } from "vitest";
import { computeLift, MIN_CONVERSIONS, MIN_VISITORS, normalCdf } from "./lift";

// Reference values: scipy.stats.norm.cdf (double precision), rounded to 12 significant digits.
const CDF_TABLE: [number, number][] = [
  [0, 0.5],
  [1, 0.841344746069],
  [-1, 0.158655253931],
  [1.96, 0.975002104852],
  [2.5758, 0.994999576262],
  [-3, 0.00134989803163],
  [-5, 2.86651571879e-7],
  [6, 0.999999999013],
  [-8.5, 9.47953482220e-18],
];

describe("normalCdf", () => {
  it.each(CDF_TABLE)("Φ(%d) = %d", (x, expected) => {
    // Absolute error well inside 1e-7; relative error in the far tail too.
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(1e-10);
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(1e-8);
  });

  it("is symmetric and monotone", () => {
    let previous = 0;
    for (let x = -10; x <= 10; x += 0.05) {
      const value = normalCdf(x);
      expect(value + normalCdf(-x)).toBeCloseTo(1, 14);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });
});

// Known answers worked by hand with the formulas in lift.ts, cross-checked with scipy.
// e.g. 100/1000 vs 130/1000: pooled p̂ = 0.115, SE = √(0.115·0.885·0.002) = 0.0142671,
// z = 0.03 / 0.0142671 = 2.10274, p = 2·(1 − Φ(2.10274)) = 0.035488;
// SE(ln RR) = √(0.87/130 + 0.9/100) = 0.125280, RR = 1.3 → CI (1.3·e^∓0.245545) − 1 = (0.01698, 0.66178).
const KNOWN: {
  name: string;
  control: [number, number];
  variant: [number, number];
  z: number;
  p: number;
  relative: number | null;
  ci: [number, number] | null;
  significant: boolean;
}[] = [
  { name: "variant wins", control: [1000, 100], variant: [1000, 130], z: 2.1027, p: 0.0355, relative: 0.3, ci: [0.017, 0.6618], significant: true },
  { name: "mirror: variant loses", control: [1000, 130], variant: [1000, 100], z: -2.1027, p: 0.0355, relative: -0.2308, ci: [-0.3982, -0.0167], significant: true },
  { name: "identical groups", control: [1000, 100], variant: [1000, 100], z: 0, p: 1, relative: 0, ci: [-0.2312, 0.3008], significant: false },
  { name: "not significant loss", control: [2000, 200], variant: [2000, 170], z: -1.6372, p: 0.1016, relative: -0.15, ci: [-0.3005, 0.0328], significant: false },
  { name: "low base rate", control: [5000, 250], variant: [5000, 300], z: 2.1932, p: 0.0283, relative: 0.2, ci: [0.0193, 0.4127], significant: true },
];

describe("computeLift", () => {
  it.each(KNOWN)("$name", ({ control, variant, z, p, relative, ci, significant }) => {
    const result = computeLift({ visitors: control[0], converters: control[1] }, { visitors: variant[0], converters: variant[1] });
    expect(result.controlRate).toBeCloseTo(control[1] / control[0], 10);
    expect(result.variantRate).toBeCloseTo(variant[1] / variant[0], 10);
    expect(result.absoluteLift).toBeCloseTo(variant[1] / variant[0] - control[1] / control[0], 10);
    expect(result.z).toBeCloseTo(z, 4);
    expect(result.pValue).toBeCloseTo(p, 4);
    if (relative === null) expect(result.relativeLift).toBeNull();
    else expect(result.relativeLift).toBeCloseTo(relative, 4);
    expect(result.relativeLiftCi?.lower).toBeCloseTo(ci![0], 4);
    expect(result.relativeLiftCi?.upper).toBeCloseTo(ci![1], 4);
    expect(result.enoughData).toBe(true);
    expect(result.reason).toBeNull();
    expect(result.significant).toBe(significant);
  });

  it("zero conversions in the holdout: no relative lift or interval, but a p-value", () => {
    const result = computeLift({ visitors: 500, converters: 0 }, { visitors: 500, converters: 12 });
    expect(result.relativeLift).toBeNull();
    expect(result.relativeLiftCi).toBeNull();
    expect(result.absoluteLift).toBeCloseTo(0.024, 10);
    expect(result.z).toBeCloseTo(3.4851, 4);
    expect(result.pValue).toBeCloseTo(0.000492, 6);
    expect(result.enoughData).toBe(false);
    expect(result.reason).toContain("holdout has 0 conversions");
    expect(result.significant).toBe(false);
  });

  it("zero conversions everywhere: lift 0, p = 1", () => {
    const result = computeLift({ visitors: 300, converters: 0 }, { visitors: 300, converters: 0 });
    expect(result).toMatchObject({ absoluteLift: 0, relativeLift: null, relativeLiftCi: null, z: 0, pValue: 1, significant: false, enoughData: false });
  });

  it("empty groups do not divide by zero", () => {
    const result = computeLift({ visitors: 0, converters: 0 }, { visitors: 0, converters: 0 });
    expect(result).toMatchObject({ controlRate: 0, variantRate: 0, z: 0, pValue: 1, significant: false, enoughData: false });
  });

  it("tiny samples: not enough data, never significant, with the reason spelled out", () => {
    // 2/10 vs 9/10 has p ≈ 0.0019, yet ten visitors prove nothing to a marketer.
    const result = computeLift({ visitors: 10, converters: 2 }, { visitors: 10, converters: 9 });
    expect(result.pValue).toBeLessThan(0.01);
    expect(result.enoughData).toBe(false);
    expect(result.significant).toBe(false);
    expect(result.reason).toBe(
      `Not enough data yet: the holdout has 10 visitors (needs ${MIN_VISITORS}), the holdout has 2 conversions (needs ${MIN_CONVERSIONS}), the variant has 10 visitors (needs ${MIN_VISITORS}), the variant has 9 conversions (needs ${MIN_CONVERSIONS}).`,
    );
  });

  it("the thresholds are inclusive", () => {
    expect(computeLift({ visitors: MIN_VISITORS, converters: MIN_CONVERSIONS }, { visitors: MIN_VISITORS, converters: MIN_CONVERSIONS }).enoughData).toBe(true);
    expect(computeLift({ visitors: MIN_VISITORS - 1, converters: MIN_CONVERSIONS }, { visitors: MIN_VISITORS, converters: MIN_CONVERSIONS }).enoughData).toBe(false);
  });

  it.each([
    [{ visitors: 10, converters: 11 }, "cannot exceed"],
    [{ visitors: -1, converters: 0 }, "non-negative integers"],
    [{ visitors: 1.5, converters: 0 }, "non-negative integers"],
  ])("refuses impossible counts %o", (bad, message) => {
    expect(() => computeLift(bad, { visitors: 10, converters: 1 })).toThrow(message);
    expect(() => computeLift({ visitors: 10, converters: 1 }, bad)).toThrow(message);
  });
});
